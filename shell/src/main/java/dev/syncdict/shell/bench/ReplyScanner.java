package dev.syncdict.shell.bench;

import java.nio.ByteBuffer;

/** Finds where replies end in the bytes read from one connection, without decoding them. */
interface ReplyScanner {

    /**
     * Consumes every complete reply between the buffer's position and limit and returns how many
     * there were; a partial reply stays unconsumed, its bytes at the position, for the next read.
     */
    int scan(ByteBuffer in);

    /** How many of the replies scanned so far were errors. */
    long errors();
}
