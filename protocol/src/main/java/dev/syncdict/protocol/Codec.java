package dev.syncdict.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import tools.jackson.core.JsonGenerator;

/**
 * Turns request and reply objects into one line of JSON and back. Decoding checks every field
 * against the op's declaration in {@link Op}, so nothing past the codec sees an ill-formed request.
 */
public final class Codec {

    private Codec() {}

    /** The JSON text of a request, without the newline. */
    public static String encode(Request request) {
        StringBuilder text = new StringBuilder(64);
        write(text, request);
        return text.toString();
    }

    /** The JSON text of a reply, without the newline. */
    public static String encode(Reply reply) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JsonGenerator generator = Json.generator(out)) {
            write(generator, reply);
        }
        return out.toString();
    }

    /** The UTF-8 bytes of a reply followed by a newline: what goes on the wire. */
    public static byte[] encodeLine(Reply reply) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64);
        writeLine(reply, out);
        return out.toByteArray();
    }

    /**
     * Writes a reply and its newline straight to a stream: the daemon writes a whole batch's
     * replies into one buffer this way. A reply of up to {@link ReplyEncoder#MAX_BYTES} is encoded
     * without a generator, a longer one streamed through the generator. An IOException from the
     * stream comes out unchecked.
     */
    public static void writeLine(Reply reply, java.io.OutputStream out) {
        try {
            if (ReplyEncoder.writeLine(reply, out)) {
                return;
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        writeLineWithGenerator(reply, out);
    }

    /** The generator's encoding of a reply line: the definition {@link ReplyEncoder} follows, for any size. */
    static void writeLineWithGenerator(Reply reply, java.io.OutputStream out) {
        try (JsonGenerator generator = Json.generator(out)) {
            write(generator, reply);
            generator.writeRaw('\n');
        }
    }

    /** Reads a request line, or throws a {@link ProtocolException} saying what is wrong with it. */
    public static Request decodeRequest(String line) {
        return decodeRequest(parseObject(line, "request"));
    }

    /**
     * Reads a request from UTF-8 bytes, its members straight into the request's fields: a flat line
     * of plain scalars by {@link FlatRequestReader}, any other by Jackson's parser.
     */
    public static Request decodeRequest(byte[] utf8, int offset, int length) {
        Members members = new Members();
        if (FlatRequestReader.read(utf8, offset, length, members)) {
            return members.checkedRequest();
        }
        members = new Members();
        boolean object;
        try {
            object = Json.parseMembers(utf8, offset, length, members);
        } catch (JsonException e) {
            throw notJson(e, "request");
        }
        if (!object) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "a request must be a JSON object", null);
        }
        return members.checkedRequest();
    }

    /** Reads a reply line. */
    public static Reply decodeReply(String line) {
        return decodeReply(parseObject(line, "reply"));
    }

    private static Map<String, Object> parseObject(String line, String what) {
        try {
            return asObject(Json.parse(line), what);
        } catch (JsonException e) {
            throw notJson(e, what);
        }
    }

    private static ProtocolException notJson(JsonException e, String what) {
        return new ProtocolException(e.code(), "the " + what + " is not valid JSON: " + e.getMessage(), null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object json, String what) {
        if (!(json instanceof Map)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "a " + what + " must be a JSON object", null);
        }
        return (Map<String, Object>) json;
    }

    private static Request decodeRequest(Map<String, Object> json) {
        Members members = new Members();
        json.forEach(members);
        return members.checkedRequest();
    }

    /**
     * A request object's members in the order they came, a repeated name keeping its first place
     * and its last value (as a map would), then checked against the op's declaration. A request
     * has a handful of members: a linear search beats hashing.
     */
    private static final class Members implements BiConsumer<String, Object> {
        private String[] names = new String[8];
        private Object[] values = new Object[8];
        private int size;

        @Override
        public void accept(String name, Object value) {
            int at = indexOf(name);
            if (at < 0) {
                if (size == names.length) {
                    names = Arrays.copyOf(names, size * 2);
                    values = Arrays.copyOf(values, size * 2);
                }
                at = size++;
                names[at] = name;
            }
            values[at] = value;
        }

        private int indexOf(String name) {
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        private Object get(String name) {
            int at = indexOf(name);
            return at < 0 ? null : values[at];
        }

        /** The request these members make, or the refusal, which carries the chain they name. */
        Request checkedRequest() {
            try {
                return toRequest();
            } catch (ProtocolException refused) {
                Object chain = get(Field.CHAIN.wireName());
                throw refused.inChain(chain instanceof String || chain instanceof BigDecimal ? chain : null);
            }
        }

        private Request toRequest() {
            Object id = get("id");
            if (id != null && !(id instanceof String || id instanceof BigDecimal)) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "'id' must be a string or a number", null);
            }
            Object opName = get("op");
            if (!(opName instanceof String)) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "a request needs an 'op' string", id);
            }
            Op op = Op.byWireName((String) opName);
            if (op == null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "unknown op " + Json.quote((String) opName), id);
            }
            // id and op are among the names (op surely), each once: the rest are the fields.
            Field[] keys = new Field[size - 1 - (indexOf("id") < 0 ? 0 : 1)];
            Object[] typed = new Object[keys.length];
            int count = 0;
            for (int i = 0; i < size; i++) {
                String name = names[i];
                if (name.equals("id") || name.equals("op")) {
                    continue;
                }
                Field field = Field.byWireName(name);
                if (field == null || !op.accepts(field)) {
                    throw new ProtocolException(ErrorCode.BAD_REQUEST, op.wireName() + " does not take " + Json.quote(name), id);
                }
                keys[count] = field;
                typed[count++] = typed(op, field, values[i], id);
            }
            FieldMap fields = new FieldMap(keys, typed);
            for (Field field : op.required()) {
                if (!fields.containsKey(field)) {
                    throw new ProtocolException(ErrorCode.BAD_REQUEST, op.wireName() + " needs " + Json.quote(field.wireName()), id);
                }
            }
            return Request.checked(id, op, fields);
        }
    }

    private static Object typed(Op op, Field field, Object value, Object id) {
        Field.Type type = field.type();
        switch (type) {
            case JSON:
                return value;
            case PATH:
                if (value instanceof String) {
                    try {
                        return RecentPaths.parse((String) value);
                    } catch (PathException e) {
                        throw new ProtocolException(e.code(), e.getMessage(), id);
                    }
                }
                break;
            case NUMBER:
                if (value instanceof BigDecimal) {
                    return value;
                }
                break;
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return value;
                }
                break;
            case STRING:
                if (value instanceof String) {
                    return value;
                }
                break;
            case ID:
                if (value instanceof String || value instanceof BigDecimal) {
                    return value;
                }
                break;
            case REVISION:
            case COUNT:
                Long count = wholeNumber(value);
                if (count != null && count >= (type == Field.Type.COUNT ? 1 : 0)) {
                    return count;
                }
                break;
            case REQUESTS:
                if (value instanceof List) {
                    return nestedRequests(op, (List<?>) value, id);
                }
                break;
            default:
                throw new AssertionError(type);
        }
        throw new ProtocolException(ErrorCode.BAD_REQUEST,
                op.wireName() + "'s " + Json.quote(field.wireName()) + " must be " + type.description(), id);
    }

    private static Long wholeNumber(Object value) {
        if (!(value instanceof BigDecimal)) {
            return null;
        }
        try {
            return ((BigDecimal) value).longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static List<Request> nestedRequests(Op op, List<?> elements, Object id) {
        List<Request> requests = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Request nested;
            try {
                nested = decodeRequest(asObject(elements.get(i), "request"));
            } catch (ProtocolException e) {
                throw new ProtocolException(e.code(), op.wireName() + " op " + i + ": " + e.getMessage(), id);
            }
            if (!nested.op().isTransactional()) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST,
                        op.wireName() + " op " + i + ": " + nested.op().wireName() + " cannot be part of a tx", id);
            }
            if (nested.chain() != null) {
                // A chain orders whole requests on a connection; the tx is the request that names it.
                throw new ProtocolException(ErrorCode.BAD_REQUEST,
                        op.wireName() + " op " + i + ": a chain belongs on the " + op.wireName() + " itself, not on its ops", id);
            }
            requests.add(nested);
        }
        return requests;
    }

    /**
     * The one definition of a request's wire form: its id when it has one, its op, then its fields
     * in their declared order, written straight to text (a map per request, then a generator, was
     * a fifth of a script statement's CPU in the shell).
     */
    private static void write(StringBuilder text, Request request) {
        text.append('{');
        if (request.id() != null) {
            text.append("\"id\":");
            JsonText.write(text, request.id());
            text.append(',');
        }
        // Op and field names are plain ASCII words: nothing in them to escape.
        text.append("\"op\":\"").append(request.op().wireName()).append('"');
        for (Map.Entry<Field, Object> entry : request.fields().entrySet()) {
            text.append(",\"").append(entry.getKey().wireName()).append("\":");
            Object value = entry.getValue();
            if (value instanceof Path) {
                JsonText.string(text, value.toString());
            } else if (value instanceof List && !((List<?>) value).isEmpty() && ((List<?>) value).get(0) instanceof Request) {
                text.append('[');
                for (int i = 0; i < ((List<?>) value).size(); i++) {
                    if (i > 0) {
                        text.append(',');
                    }
                    write(text, (Request) ((List<?>) value).get(i));
                }
                text.append(']');
            } else {
                JsonText.write(text, value);
            }
        }
        text.append('}');
    }

    /** A reply as a JSON object, as it goes on the wire. */
    public static Map<String, Object> toJson(Reply reply) {
        return asObject(Json.parse(encode(reply)), "reply");
    }

    /** The one definition of a reply's wire form; fields in a fixed order, absent ones left out. */
    private static void write(JsonGenerator g, Reply reply) {
        g.writeStartObject();
        if (reply.id() != null) {
            g.writeName("id");
            Json.write(g, reply.id());
        }
        g.writeName("rev");
        g.writeNumber(reply.rev());
        if (reply.error() != null) {
            g.writeName("error");
            g.writeStartObject();
            g.writeName("code");
            g.writeString(reply.error().code().wireName());
            g.writeName("message");
            g.writeString(reply.error().message());
            if (reply.error().index() != null) {
                g.writeName("index");
                g.writeNumber(reply.error().index());
            }
            g.writeEndObject();
            g.writeEndObject();
            return;
        }
        if (reply.value() != null) {
            g.writeName("value");
            Json.write(g, reply.value());
        }
        if (reply.modRev() != null) {
            g.writeName("mod_rev");
            g.writeNumber(reply.modRev());
        }
        if (reply.more() != null) {
            g.writeName("more");
            g.writeBoolean(reply.more());
        }
        if (reply.results() != null) {
            g.writeName("results");
            g.writeStartArray();
            for (Reply result : reply.results()) {
                write(g, result);
            }
            g.writeEndArray();
        }
        if (reply.proof() != null) {
            g.writeName("proof");
            g.writeString(reply.proof());
        }
        g.writeEndObject();
    }

    /**
     * One change of an event as wire JSON, {@code {"kind":..,"path":..,"value":..,"prev":..}}: the
     * daemon encodes each change once and shares the bytes among the lines of every watcher.
     */
    public static byte[] encodeChange(Event.Change change, boolean withPrev) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64);
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeName("kind");
            g.writeString(change.kind());
            g.writeName("path");
            g.writeString(change.path().toString());
            if (change.value() != null) {
                g.writeName("value");
                Json.write(g, change.value());
            }
            if (withPrev && change.prev() != null) {
                g.writeName("prev");
                Json.write(g, change.prev());
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Writes an event line, {@code {"watch":..,"rev":..,"changes":[..]}}, from changes encoded by {@link #encodeChange}. */
    public static void writeEventLine(java.io.ByteArrayOutputStream out, Object watch, long rev, List<byte[]> changes) {
        byte[] head = ("{\"watch\":" + Json.write(watch) + ",\"rev\":" + rev + ",\"changes\":[").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write(head, 0, head.length);
        for (int i = 0; i < changes.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(changes.get(i), 0, changes.get(i).length);
        }
        out.write(']');
        out.write('}');
        out.write('\n');
    }

    /** The line that ends a watch with an error: {@code {"watch":..,"rev":..,"error":{..}}}. */
    public static byte[] encodeEventError(Object watch, long rev, Reply.Error error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("watch", watch);
        line.put("rev", BigDecimal.valueOf(rev));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code().wireName());
        body.put("message", error.message());
        line.put("error", body);
        return (Json.write(line) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads a line from the daemon's UTF-8 bytes: a flat reply by {@link FlatReplyReader}, with no
     * string or map in between, any other as {@link #decodeMessage(String)} does.
     */
    public static Object decodeMessage(byte[] utf8, int offset, int length) {
        Reply flat = FlatReplyReader.read(utf8, offset, length);
        return flat != null ? flat : decodeMessage(new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Reads a line from the daemon: a {@link Reply}, or an {@link Event} when it names a watch. */
    public static Object decodeMessage(String line) {
        Map<String, Object> json = parseObject(line, "reply");
        return json.containsKey("watch") ? decodeEvent(json) : decodeReply(json);
    }

    @SuppressWarnings("unchecked")
    private static Event decodeEvent(Map<String, Object> json) {
        Long rev = wholeNumber(json.get("rev"));
        if (rev == null) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "an event needs a 'rev' number", null);
        }
        Reply.Error error = json.get("error") instanceof Map ? decodeError((Map<String, Object>) json.get("error")) : null;
        List<Event.Change> changes = new ArrayList<>();
        if (json.get("changes") instanceof List) {
            for (Object element : (List<Object>) json.get("changes")) {
                Map<String, Object> change = asObject(element, "change");
                try {
                    changes.add(new Event.Change(String.valueOf(change.get("kind")), Path.parse(String.valueOf(change.get("path"))),
                            change.get("value"), change.get("prev")));
                } catch (PathException e) {
                    throw new ProtocolException(ErrorCode.BAD_REQUEST, "an event's path does not parse: " + e.getMessage(), null);
                }
            }
        }
        return new Event(json.get("watch"), rev, List.copyOf(changes), error);
    }

    private static Reply.Error decodeError(Map<String, Object> e) {
        Long index = wholeNumber(e.get("index"));
        return new Reply.Error(ErrorCode.byWireName(String.valueOf(e.get("code"))), String.valueOf(e.get("message")),
                index == null ? null : index.intValue());
    }

    @SuppressWarnings("unchecked")
    private static Reply decodeReply(Map<String, Object> json) {
        Long rev = wholeNumber(json.get("rev"));
        if (rev == null) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "a reply needs a 'rev' number", json.get("id"));
        }
        Reply.Error error = json.get("error") instanceof Map ? decodeError((Map<String, Object>) json.get("error")) : null;
        List<Reply> results = null;
        if (json.get("results") instanceof List) {
            results = new ArrayList<>();
            for (Object result : (List<Object>) json.get("results")) {
                results.add(decodeReply(asObject(result, "reply")));
            }
        }
        return new Reply(json.get("id"), rev, json.get("value"), wholeNumber(json.get("mod_rev")),
                (Boolean) json.get("more"), results, (String) json.get("proof"), error);
    }
}
