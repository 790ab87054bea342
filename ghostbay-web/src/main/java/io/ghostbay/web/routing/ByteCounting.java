package io.ghostbay.web.routing;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.IOException;

/**
 * Counts the body bytes actually read from and written to the connection, for the audit log: a
 * refused upload read nothing whatever its Content-Length said, and a HEAD sends no body.
 */
final class ByteCounting {
    private ByteCounting() {
    }

    /** The request, with its input stream counted. */
    static final class Request extends HttpServletRequestWrapper {
        private CountingInput input;

        Request(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (input == null) {
                input = new CountingInput(super.getInputStream());
            }
            return input;
        }

        long bytesRead() {
            return input == null ? 0 : input.count;
        }
    }

    static final class CountingInput extends ServletInputStream {
        private final ServletInputStream in;
        long count;

        CountingInput(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public int readLine(byte[] b, int off, int len) throws IOException {
            int n = in.readLine(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    static final class CountingOutput extends ServletOutputStream {
        private final ServletOutputStream out;
        long count;

        CountingOutput(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
