package com.imagecogni.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Stops reading a JSON body at {@code imagecogni.limits.max-json-bytes} with 413, whatever the transport said of its
 * length (an HTTP/2 stream may declare none): a body past the limit never becomes a JSON tree. {@link RequestLimits}
 * refuses most such requests earlier, from their Content-Length.
 */
@Provider
public class JsonBodyLimit implements ReaderInterceptor {

    /** Looked up per request: REST providers are built at static init, before the configuration mapping exists. */
    @Inject
    Instance<ImagecogniConfig> config;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(context.getMediaType())) {
            context.setInputStream(new Bounded(context.getInputStream(), config.get().limits().maxJsonBytes()));
        }
        return context.proceed();
    }

    /** Counts what is read and refuses the byte past the limit. */
    private static final class Bounded extends FilterInputStream {

        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new ApiException(413, "payload_too_large", "The request is larger than " + limit
                        + " bytes. JSON bodies are limited to this size.", null, null);
            }
        }
    }
}
