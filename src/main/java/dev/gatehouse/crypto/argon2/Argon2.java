package dev.gatehouse.crypto.argon2;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2 (RFC 9106) over one flat {@code long[]} work area that the caller lends, so that a password check
 * allocates no memory of its size: BouncyCastle's generator allocates its work area as one object per
 * 1 KiB block on every call (19,456 objects for OWASP's 19 MiB), which in a small heap costs more in
 * garbage collection than the hash itself. Blake2b is BouncyCastle's. Lanes are computed one after the
 * other within each slice, which gives the same result as computing them in parallel (a slice only
 * references finished slices of other lanes). Checked against BouncyCastle and the {@code argon2} CLI
 * in the tests.
 */
public final class Argon2 {
    public enum Type {
        D(0), I(1), ID(2);

        final int code;

        Type(int code) {
            this.code = code;
        }
    }

    public static final int VERSION_10 = 0x10;
    public static final int VERSION_13 = 0x13;
    static final int BLOCK_LONGS = 128;
    private static final int SYNC_POINTS = 4;
    private static final long M32 = 0xFFFFFFFFL;

    private final Type type;
    private final int version;
    private final int iterations;
    private final int lanes;
    private final int laneLength;
    private final int segmentLength;
    private final int blocks;
    private final int memoryKib;

    /** Parameters as in a PHC string; {@code memoryKib} is rounded down to a multiple of 4 × lanes. */
    public Argon2(Type type, int version, int memoryKib, int iterations, int lanes) {
        if (version != VERSION_10 && version != VERSION_13) {
            throw new IllegalArgumentException("unknown argon2 version " + version);
        }
        if (iterations < 1 || lanes < 1 || lanes > 0xFFFFFF || memoryKib < 8 * lanes) {
            throw new IllegalArgumentException("argon2 parameters out of range");
        }
        this.type = type;
        this.memoryKib = memoryKib;
        this.version = version;
        this.iterations = iterations;
        this.lanes = lanes;
        this.segmentLength = memoryKib / (lanes * SYNC_POINTS);
        this.laneLength = segmentLength * SYNC_POINTS;
        this.blocks = laneLength * lanes;
    }

    /** Longs of work area this instance needs. */
    public int workAreaLongs() {
        return blocks * BLOCK_LONGS;
    }

    /**
     * Computes the tag of {@code outLength} bytes. {@code memory} must hold at least
     * {@link #workAreaLongs()} longs; its previous content does not matter (every block is written before
     * it is read).
     */
    public byte[] hash(byte[] password, byte[] salt, int outLength, long[] memory) {
        if (memory.length < workAreaLongs()) {
            throw new IllegalArgumentException("work area too small");
        }
        if (outLength < 4) {
            throw new IllegalArgumentException("argon2 output too short");
        }
        byte[] h0 = initialHash(password, salt, outLength);
        byte[] seed = new byte[72];
        System.arraycopy(h0, 0, seed, 0, 64);
        byte[] block = new byte[1024];
        for (int lane = 0; lane < lanes; lane++) {
            for (int i = 0; i < 2; i++) {
                putIntLE(seed, 64, i);
                putIntLE(seed, 68, lane);
                variableHash(seed, block, 1024);
                bytesToBlock(block, memory, (lane * laneLength + i) * BLOCK_LONGS);
            }
        }
        Scratch scratch = new Scratch();
        for (int pass = 0; pass < iterations; pass++) {
            for (int slice = 0; slice < SYNC_POINTS; slice++) {
                for (int lane = 0; lane < lanes; lane++) {
                    fillSegment(memory, scratch, pass, slice, lane);
                }
            }
        }
        long[] last = scratch.r;
        System.arraycopy(memory, (laneLength - 1) * BLOCK_LONGS, last, 0, BLOCK_LONGS);
        for (int lane = 1; lane < lanes; lane++) {
            int off = (lane * laneLength + laneLength - 1) * BLOCK_LONGS;
            for (int k = 0; k < BLOCK_LONGS; k++) {
                last[k] ^= memory[off + k];
            }
        }
        blockToBytes(last, block);
        byte[] out = new byte[outLength];
        variableHash(block, out, outLength);
        return out;
    }

    /** Per-call scratch blocks (3 KiB), kept apart from the lent work area. */
    private static final class Scratch {
        final long[] r = new long[BLOCK_LONGS];
        final long[] tmp = new long[BLOCK_LONGS];
        final long[] zero = new long[BLOCK_LONGS];
        final long[] input = new long[BLOCK_LONGS];
        final long[] address = new long[BLOCK_LONGS];
    }

    private byte[] initialHash(byte[] password, byte[] salt, int outLength) {
        Blake2bDigest d = new Blake2bDigest(512);
        byte[] le = new byte[4];
        for (int v : new int[] {lanes, outLength, memoryKib, iterations, version, type.code}) {
            putIntLE(le, 0, v);
            d.update(le, 0, 4);
        }
        addLengthPrefixed(d, le, password);
        addLengthPrefixed(d, le, salt);
        addLengthPrefixed(d, le, new byte[0]);
        addLengthPrefixed(d, le, new byte[0]);
        byte[] h0 = new byte[64];
        d.doFinal(h0, 0);
        return h0;
    }

    private static void addLengthPrefixed(Blake2bDigest d, byte[] le, byte[] data) {
        putIntLE(le, 0, data.length);
        d.update(le, 0, 4);
        d.update(data, 0, data.length);
    }

    private void fillSegment(long[] memory, Scratch s, int pass, int slice, int lane) {
        boolean independent = type == Type.I || (type == Type.ID && pass == 0 && slice < SYNC_POINTS / 2);
        if (independent) {
            java.util.Arrays.fill(s.input, 0);
            s.input[0] = pass;
            s.input[1] = lane;
            s.input[2] = slice;
            s.input[3] = blocks;
            s.input[4] = iterations;
            s.input[5] = type.code;
        }
        int start = 0;
        if (pass == 0 && slice == 0) {
            start = 2;
            if (independent) {
                nextAddresses(s);
            }
        }
        int current = lane * laneLength + slice * segmentLength + start;
        int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
        for (int i = start; i < segmentLength; i++, current++, previous++) {
            if (current % laneLength == 1) {
                previous = current - 1;
            }
            long pseudoRandom;
            if (independent) {
                if (i % BLOCK_LONGS == 0) {
                    nextAddresses(s);
                }
                pseudoRandom = s.address[i % BLOCK_LONGS];
            } else {
                pseudoRandom = memory[previous * BLOCK_LONGS];
            }
            int refLane = (int) ((pseudoRandom >>> 32) % lanes);
            if (pass == 0 && slice == 0) {
                refLane = lane;
            }
            int refIndex = referenceIndex(pass, slice, i, pseudoRandom & 0xFFFFFFFFL, refLane == lane);
            boolean withXor = version != VERSION_10 && pass != 0;
            fillBlock(memory, previous * BLOCK_LONGS, memory, (refLane * laneLength + refIndex) * BLOCK_LONGS,
                    memory, current * BLOCK_LONGS, withXor, s);
        }
    }

    private int referenceIndex(int pass, int slice, int index, long j1, boolean sameLane) {
        long areaSize;
        if (pass == 0) {
            if (slice == 0) {
                areaSize = index - 1;
            } else if (sameLane) {
                areaSize = (long) slice * segmentLength + index - 1;
            } else {
                areaSize = (long) slice * segmentLength + (index == 0 ? -1 : 0);
            }
        } else if (sameLane) {
            areaSize = (long) laneLength - segmentLength + index - 1;
        } else {
            areaSize = (long) laneLength - segmentLength + (index == 0 ? -1 : 0);
        }
        long relative = (j1 * j1) >>> 32;
        relative = areaSize - 1 - ((areaSize * relative) >>> 32);
        long startPosition = 0;
        if (pass != 0) {
            startPosition = slice == SYNC_POINTS - 1 ? 0 : (long) (slice + 1) * segmentLength;
        }
        return (int) ((startPosition + relative) % laneLength);
    }

    private static void nextAddresses(Scratch s) {
        s.input[6]++;
        fillBlock(s.zero, 0, s.input, 0, s.address, 0, false, s);
        fillBlock(s.zero, 0, s.address, 0, s.address, 0, false, s);
    }

    /** next = G(prev, ref) (xor next's old content when {@code withXor}). */
    private static void fillBlock(long[] prevArr, int prev, long[] refArr, int ref, long[] nextArr, int next,
                                  boolean withXor, Scratch s) {
        long[] r = s.r;
        long[] tmp = s.tmp;
        for (int k = 0; k < BLOCK_LONGS; k++) {
            long v = prevArr[prev + k] ^ refArr[ref + k];
            r[k] = v;
            tmp[k] = withXor ? v ^ nextArr[next + k] : v;
        }
        for (int i = 0; i < 8; i++) {
            rowRound(r, 16 * i);
        }
        for (int i = 0; i < 8; i++) {
            columnRound(r, 2 * i);
        }
        for (int k = 0; k < BLOCK_LONGS; k++) {
            nextArr[next + k] = tmp[k] ^ r[k];
        }
    }

    /** Blake2b's round without message on the 16 words of row {@code b / 16} (RFC 9106 §3.6), in locals. */
    private static void rowRound(long[] r, int b) {
        long v0 = r[b];
        long v1 = r[b + 1];
        long v2 = r[b + 2];
        long v3 = r[b + 3];
        long v4 = r[b + 4];
        long v5 = r[b + 5];
        long v6 = r[b + 6];
        long v7 = r[b + 7];
        long v8 = r[b + 8];
        long v9 = r[b + 9];
        long v10 = r[b + 10];
        long v11 = r[b + 11];
        long v12 = r[b + 12];
        long v13 = r[b + 13];
        long v14 = r[b + 14];
        long v15 = r[b + 15];
        v0 = v0 + v4 + 2 * (v0 & M32) * (v4 & M32);
        v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 = v8 + v12 + 2 * (v8 & M32) * (v12 & M32);
        v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = v0 + v4 + 2 * (v0 & M32) * (v4 & M32);
        v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 = v8 + v12 + 2 * (v8 & M32) * (v12 & M32);
        v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 = v1 + v5 + 2 * (v1 & M32) * (v5 & M32);
        v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 = v9 + v13 + 2 * (v9 & M32) * (v13 & M32);
        v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = v1 + v5 + 2 * (v1 & M32) * (v5 & M32);
        v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 = v9 + v13 + 2 * (v9 & M32) * (v13 & M32);
        v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 = v2 + v6 + 2 * (v2 & M32) * (v6 & M32);
        v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 = v10 + v14 + 2 * (v10 & M32) * (v14 & M32);
        v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = v2 + v6 + 2 * (v2 & M32) * (v6 & M32);
        v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 = v10 + v14 + 2 * (v10 & M32) * (v14 & M32);
        v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 = v3 + v7 + 2 * (v3 & M32) * (v7 & M32);
        v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 = v11 + v15 + 2 * (v11 & M32) * (v15 & M32);
        v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = v3 + v7 + 2 * (v3 & M32) * (v7 & M32);
        v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 = v11 + v15 + 2 * (v11 & M32) * (v15 & M32);
        v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 = v0 + v5 + 2 * (v0 & M32) * (v5 & M32);
        v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 = v10 + v15 + 2 * (v10 & M32) * (v15 & M32);
        v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = v0 + v5 + 2 * (v0 & M32) * (v5 & M32);
        v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 = v10 + v15 + 2 * (v10 & M32) * (v15 & M32);
        v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 = v1 + v6 + 2 * (v1 & M32) * (v6 & M32);
        v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 = v11 + v12 + 2 * (v11 & M32) * (v12 & M32);
        v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = v1 + v6 + 2 * (v1 & M32) * (v6 & M32);
        v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 = v11 + v12 + 2 * (v11 & M32) * (v12 & M32);
        v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 = v2 + v7 + 2 * (v2 & M32) * (v7 & M32);
        v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 = v8 + v13 + 2 * (v8 & M32) * (v13 & M32);
        v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = v2 + v7 + 2 * (v2 & M32) * (v7 & M32);
        v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 = v8 + v13 + 2 * (v8 & M32) * (v13 & M32);
        v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 = v3 + v4 + 2 * (v3 & M32) * (v4 & M32);
        v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 = v9 + v14 + 2 * (v9 & M32) * (v14 & M32);
        v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = v3 + v4 + 2 * (v3 & M32) * (v4 & M32);
        v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 = v9 + v14 + 2 * (v9 & M32) * (v14 & M32);
        v4 = Long.rotateRight(v4 ^ v9, 63);
        r[b] = v0;
        r[b + 1] = v1;
        r[b + 2] = v2;
        r[b + 3] = v3;
        r[b + 4] = v4;
        r[b + 5] = v5;
        r[b + 6] = v6;
        r[b + 7] = v7;
        r[b + 8] = v8;
        r[b + 9] = v9;
        r[b + 10] = v10;
        r[b + 11] = v11;
        r[b + 12] = v12;
        r[b + 13] = v13;
        r[b + 14] = v14;
        r[b + 15] = v15;
    }

    /** The same round on column pair {@code b / 2}: words b, b+1, b+16, b+17, …, b+112, b+113. */
    private static void columnRound(long[] r, int b) {
        long v0 = r[b];
        long v1 = r[b + 1];
        long v2 = r[b + 16];
        long v3 = r[b + 17];
        long v4 = r[b + 32];
        long v5 = r[b + 33];
        long v6 = r[b + 48];
        long v7 = r[b + 49];
        long v8 = r[b + 64];
        long v9 = r[b + 65];
        long v10 = r[b + 80];
        long v11 = r[b + 81];
        long v12 = r[b + 96];
        long v13 = r[b + 97];
        long v14 = r[b + 112];
        long v15 = r[b + 113];
        v0 = v0 + v4 + 2 * (v0 & M32) * (v4 & M32);
        v12 = Long.rotateRight(v12 ^ v0, 32);
        v8 = v8 + v12 + 2 * (v8 & M32) * (v12 & M32);
        v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = v0 + v4 + 2 * (v0 & M32) * (v4 & M32);
        v12 = Long.rotateRight(v12 ^ v0, 16);
        v8 = v8 + v12 + 2 * (v8 & M32) * (v12 & M32);
        v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 = v1 + v5 + 2 * (v1 & M32) * (v5 & M32);
        v13 = Long.rotateRight(v13 ^ v1, 32);
        v9 = v9 + v13 + 2 * (v9 & M32) * (v13 & M32);
        v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = v1 + v5 + 2 * (v1 & M32) * (v5 & M32);
        v13 = Long.rotateRight(v13 ^ v1, 16);
        v9 = v9 + v13 + 2 * (v9 & M32) * (v13 & M32);
        v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 = v2 + v6 + 2 * (v2 & M32) * (v6 & M32);
        v14 = Long.rotateRight(v14 ^ v2, 32);
        v10 = v10 + v14 + 2 * (v10 & M32) * (v14 & M32);
        v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = v2 + v6 + 2 * (v2 & M32) * (v6 & M32);
        v14 = Long.rotateRight(v14 ^ v2, 16);
        v10 = v10 + v14 + 2 * (v10 & M32) * (v14 & M32);
        v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 = v3 + v7 + 2 * (v3 & M32) * (v7 & M32);
        v15 = Long.rotateRight(v15 ^ v3, 32);
        v11 = v11 + v15 + 2 * (v11 & M32) * (v15 & M32);
        v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = v3 + v7 + 2 * (v3 & M32) * (v7 & M32);
        v15 = Long.rotateRight(v15 ^ v3, 16);
        v11 = v11 + v15 + 2 * (v11 & M32) * (v15 & M32);
        v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 = v0 + v5 + 2 * (v0 & M32) * (v5 & M32);
        v15 = Long.rotateRight(v15 ^ v0, 32);
        v10 = v10 + v15 + 2 * (v10 & M32) * (v15 & M32);
        v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = v0 + v5 + 2 * (v0 & M32) * (v5 & M32);
        v15 = Long.rotateRight(v15 ^ v0, 16);
        v10 = v10 + v15 + 2 * (v10 & M32) * (v15 & M32);
        v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 = v1 + v6 + 2 * (v1 & M32) * (v6 & M32);
        v12 = Long.rotateRight(v12 ^ v1, 32);
        v11 = v11 + v12 + 2 * (v11 & M32) * (v12 & M32);
        v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = v1 + v6 + 2 * (v1 & M32) * (v6 & M32);
        v12 = Long.rotateRight(v12 ^ v1, 16);
        v11 = v11 + v12 + 2 * (v11 & M32) * (v12 & M32);
        v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 = v2 + v7 + 2 * (v2 & M32) * (v7 & M32);
        v13 = Long.rotateRight(v13 ^ v2, 32);
        v8 = v8 + v13 + 2 * (v8 & M32) * (v13 & M32);
        v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = v2 + v7 + 2 * (v2 & M32) * (v7 & M32);
        v13 = Long.rotateRight(v13 ^ v2, 16);
        v8 = v8 + v13 + 2 * (v8 & M32) * (v13 & M32);
        v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 = v3 + v4 + 2 * (v3 & M32) * (v4 & M32);
        v14 = Long.rotateRight(v14 ^ v3, 32);
        v9 = v9 + v14 + 2 * (v9 & M32) * (v14 & M32);
        v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = v3 + v4 + 2 * (v3 & M32) * (v4 & M32);
        v14 = Long.rotateRight(v14 ^ v3, 16);
        v9 = v9 + v14 + 2 * (v9 & M32) * (v14 & M32);
        v4 = Long.rotateRight(v4 ^ v9, 63);
        r[b] = v0;
        r[b + 1] = v1;
        r[b + 16] = v2;
        r[b + 17] = v3;
        r[b + 32] = v4;
        r[b + 33] = v5;
        r[b + 48] = v6;
        r[b + 49] = v7;
        r[b + 64] = v8;
        r[b + 65] = v9;
        r[b + 80] = v10;
        r[b + 81] = v11;
        r[b + 96] = v12;
        r[b + 97] = v13;
        r[b + 112] = v14;
        r[b + 113] = v15;
    }

    /** H' of RFC 9106 §3.3: Blake2b with an output of any length. */
    private static void variableHash(byte[] input, byte[] out, int outLength) {
        byte[] le = new byte[4];
        putIntLE(le, 0, outLength);
        if (outLength <= 64) {
            Blake2bDigest d = new Blake2bDigest(outLength * 8);
            d.update(le, 0, 4);
            d.update(input, 0, input.length);
            d.doFinal(out, 0);
            return;
        }
        byte[] v = new byte[64];
        Blake2bDigest d = new Blake2bDigest(512);
        d.update(le, 0, 4);
        d.update(input, 0, input.length);
        d.doFinal(v, 0);
        System.arraycopy(v, 0, out, 0, 32);
        int r = (outLength + 31) / 32 - 2;
        int pos = 32;
        for (int i = 2; i <= r; i++) {
            d.update(v, 0, 64);
            d.doFinal(v, 0);
            System.arraycopy(v, 0, out, pos, 32);
            pos += 32;
        }
        int lastLength = outLength - 32 * r;
        Blake2bDigest lastDigest = new Blake2bDigest(lastLength * 8);
        lastDigest.update(v, 0, 64);
        byte[] tail = new byte[lastLength];
        lastDigest.doFinal(tail, 0);
        System.arraycopy(tail, 0, out, pos, lastLength);
    }

    private static void bytesToBlock(byte[] bytes, long[] memory, int offset) {
        for (int k = 0; k < BLOCK_LONGS; k++) {
            long v = 0;
            for (int b = 7; b >= 0; b--) {
                v = (v << 8) | (bytes[8 * k + b] & 0xFFL);
            }
            memory[offset + k] = v;
        }
    }

    private static void blockToBytes(long[] block, byte[] bytes) {
        for (int k = 0; k < BLOCK_LONGS; k++) {
            long v = block[k];
            for (int b = 0; b < 8; b++) {
                bytes[8 * k + b] = (byte) (v >>> (8 * b));
            }
        }
    }

    private static void putIntLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
