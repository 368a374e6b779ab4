package dev.gatehouse.web.http10;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The HTTP/1.0 rendering of what Helidon's HTTP/1.1 connection writes. */
class Http10ResponseWriterTest {
    /** Collects what reaches the socket. */
    private static final class Socket implements DataWriter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(BufferData... buffers) {
            for (BufferData b : buffers) {
                write(b);
            }
        }

        @Override
        public void write(BufferData buffer) {
            bytes.writeBytes(buffer.readBytes());
        }

        @Override
        public void writeNow(BufferData... buffers) {
            write(buffers);
        }

        @Override
        public void writeNow(BufferData buffer) {
            write(buffer);
        }

        String text() {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String through(String... writes) {
        Socket socket = new Socket();
        Http10ResponseWriter writer = new Http10ResponseWriter(socket);
        for (String w : writes) {
            writer.write(BufferData.create(w.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return socket.text();
    }

    @Test
    void aContentLengthResponsePassesUnchanged() {
        String response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
        assertThat(through(response)).isEqualTo(response);
        assertThat(through("HTTP/1.1 200 OK\r\nContent-Le", "ngth: 5\r\n\r", "\nhel", "lo")).isEqualTo(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
    }

    @Test
    void aChunkedBodyIsSentPlainWithoutTransferEncoding() {
        String out = through("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\n",
                "5\r\nhello\r\n", "1;ext=1\r\n,\r\n", "6\r\n wor", "ld\r\n", "0\r\n\r\n");
        assertThat(out).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nhello, world");
    }

    @Test
    void chunkFramingSplitAnywhereAndTrailersAreHandled() {
        String whole = "HTTP/1.1 200 OK\r\ntransfer-encoding: gzip, chunked\r\n\r\n"
                + "a\r\n0123456789\r\n3\r\nabc\r\n0\r\nStream-Result: ok\r\n\r\n";
        String[] bytes = whole.split("");
        assertThat(through(bytes)).isEqualTo("HTTP/1.1 200 OK\r\ntransfer-encoding: gzip\r\n\r\n0123456789abc");
    }

    @Test
    void interimResponsesAreDropped() {
        assertThat(through("HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"))
                .isEqualTo("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}");
    }
}
