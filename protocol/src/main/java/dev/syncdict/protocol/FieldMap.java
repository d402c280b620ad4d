package dev.syncdict.protocol;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A decoded request's few fields, immutable, in {@link Field} order like an {@code EnumMap}: two
 * arrays as long as the fields it has, where an {@code EnumMap} and its unmodifiable view held an
 * array of every field there is for each request the daemon decodes. A request has a handful of
 * fields: a linear search beats hashing.
 */
final class FieldMap extends AbstractMap<Field, Object> {

    private final Field[] fields;
    private final Object[] values;

    /** Takes the arrays, which nobody else may keep; sorts them into {@link Field} order. */
    FieldMap(Field[] fields, Object[] values) {
        // Insertion sort: a handful of fields, usually in order already.
        for (int i = 1; i < fields.length; i++) {
            Field field = fields[i];
            Object value = values[i];
            int j = i - 1;
            for (; j >= 0 && fields[j].ordinal() > field.ordinal(); j--) {
                fields[j + 1] = fields[j];
                values[j + 1] = values[j];
            }
            fields[j + 1] = field;
            values[j + 1] = value;
        }
        this.fields = fields;
        this.values = values;
    }

    @Override
    public Object get(Object key) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == key) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (Field field : fields) {
            if (field == key) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return fields.length;
    }

    @Override
    public Set<Entry<Field, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<Field, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < fields.length;
                    }

                    @Override
                    public Entry<Field, Object> next() {
                        if (next == fields.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<Field, Object> entry = new SimpleImmutableEntry<>(fields[next], values[next]);
                        next++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return fields.length;
            }
        };
    }
}
