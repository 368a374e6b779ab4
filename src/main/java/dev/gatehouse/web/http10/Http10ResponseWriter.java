package dev.gatehouse.web.http10;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Helidon's HTTP/1.1 connection writes, made readable for an HTTP/1.0 client (RFC 9110 §2.5 lets the
 * status line say {@code HTTP/1.1}): interim {@code 1xx} responses are dropped (RFC 9110 §15.2: never sent to an
 * HTTP/1.0 client), and a chunked body is sent as its plain bytes without {@code Transfer-Encoding}; such a body
 * ends where the connection ends, which it does after this response ({@link Http10RequestLine} asks Helidon to
 * close). Bodies with a {@code Content-Length} pass through as they are.
 * <p>
 * Only output Helidon itself produced is parsed here, and only the header section and the chunk framing.
 */
final class Http10ResponseWriter implements DataWriter {
    private enum State { HEADER, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER }

    private final DataWriter socket;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private State state = State.HEADER;
    private long chunkRemaining;

    Http10ResponseWriter(DataWriter socket) {
        this.socket = socket;
    }

    @Override
    public void write(BufferData... buffers) {
        for (BufferData b : buffers) {
            write(b);
        }
    }

    @Override
    public void write(BufferData buffer) {
        BufferData out = translate(buffer);
        if (out.available() > 0) {
            socket.write(out);
        }
    }

    @Override
    public void writeNow(BufferData... buffers) {
        for (BufferData b : buffers) {
            writeNow(b);
        }
    }

    @Override
    public void writeNow(BufferData buffer) {
        BufferData out = translate(buffer);
        if (out.available() > 0) {
            socket.writeNow(out);
        }
    }

    @Override
    public void flush() {
        socket.flush();
    }

    @Override
    public void close() {
        socket.close();
    }

    private BufferData translate(BufferData buffer) {
        byte[] in = buffer.readBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            switch (state) {
                case BODY -> {
                    out.write(in, i, in.length - i);
                    i = in.length;
                }
                case HEADER -> {
                    i = readLine(in, i);
                    if (endsWithEmptyLine()) {
                        header(line.toByteArray(), out);
                        line.reset();
                    }
                }
                case CHUNK_SIZE -> {
                    i = readLine(in, i);
                    if (lineComplete()) {
                        chunkRemaining = chunkSize(line.toString(StandardCharsets.US_ASCII).trim());
                        line.reset();
                        state = chunkRemaining == 0 ? State.TRAILER : State.CHUNK_DATA;
                    }
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkRemaining, in.length - i);
                    out.write(in, i, n);
                    i += n;
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        state = State.CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    i = readLine(in, i);
                    if (lineComplete()) {
                        line.reset();
                        state = State.CHUNK_SIZE;
                    }
                }
                case TRAILER -> {
                    i = readLine(in, i);
                    if (lineComplete()) {
                        boolean last = line.size() == 2;
                        line.reset();
                        if (last) {
                            state = State.HEADER; // trailers are dropped; nothing follows on this connection
                        }
                    }
                }
            }
        }
        return BufferData.create(out.toByteArray());
    }

    /** Appends the bytes up to and including the next LF to {@link #line} (the header section collects all its lines). */
    private int readLine(byte[] in, int from) {
        int i = from;
        while (i < in.length) {
            byte b = in[i++];
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return i;
    }

    private boolean lineComplete() {
        byte[] b = line.toByteArray();
        return b.length > 0 && b[b.length - 1] == '\n';
    }

    private boolean endsWithEmptyLine() {
        byte[] b = line.toByteArray();
        int n = b.length;
        return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    /** A complete header section: dropped if interim, else written without chunked transfer coding. */
    private void header(byte[] section, ByteArrayOutputStream out) {
        String text = new String(section, StandardCharsets.ISO_8859_1);
        String[] lines = text.substring(0, text.length() - 4).split("\r\n", -1);
        String status = lines[0];
        if (status.length() >= 10 && status.charAt(9) == '1') {
            return; // 1xx: the final response follows
        }
        boolean chunked = false;
        List<String> kept = new ArrayList<>(lines.length);
        kept.add(status);
        for (int i = 1; i < lines.length; i++) {
            String h = lines[i];
            int colon = h.indexOf(':');
            if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase("Transfer-Encoding")) {
                List<String> codings = new ArrayList<>(List.of(h.substring(colon + 1).split(",")));
                codings.replaceAll(String::trim);
                if (codings.getLast().toLowerCase(Locale.ROOT).equals("chunked")) {
                    chunked = true;
                    codings.removeLast();
                    if (codings.isEmpty()) {
                        continue;
                    }
                    h = h.substring(0, colon) + ": " + String.join(", ", codings);
                }
            }
            kept.add(h);
        }
        state = chunked ? State.CHUNK_SIZE : State.BODY;
        out.writeBytes((String.join("\r\n", kept) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static long chunkSize(String sizeLine) {
        int ext = sizeLine.indexOf(';');
        return Long.parseLong((ext == -1 ? sizeLine : sizeLine.substring(0, ext)).trim(), 16);
    }
}
