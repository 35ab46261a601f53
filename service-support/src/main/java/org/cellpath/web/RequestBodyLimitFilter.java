package org.cellpath.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over its endpoint's limit ({@link RequestBodyLimits}) before anything
 * parses it, so that a caller cannot make a service hold hundreds of megabytes: a body that
 * announces a larger {@code Content-Length} is answered 413 at once, unread and before
 * authentication; a body without a length (chunked) is counted as it is read and fails with {@link
 * RequestBodyTooLargeException} at the first byte over the limit, which the problem-details advice
 * answers 413. The answer is a problem detail that names the limit and nothing of the body.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

  static final String TYPE = "https://cellpath.org/problems/body-too-large";

  private final RequestBodyLimits.Matcher limits;

  public RequestBodyLimitFilter(RequestBodyLimits limits) {
    this.limits = limits.matcher();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long maxBytes = limits.maxBytes(request.getMethod(), pathOf(request));
    if (request.getContentLengthLong() > maxBytes) {
      refuse(response, maxBytes);
      return;
    }
    try {
      chain.doFilter(new Limited(request, maxBytes), response);
    } catch (RequestBodyTooLargeException tooLarge) {
      // Read by a filter before any controller advice could answer: answer here, if nothing was
      // written yet.
      if (response.isCommitted()) {
        throw tooLarge;
      }
      response.reset();
      refuse(response, tooLarge.maxBytes());
    }
  }

  /**
   * The 413 problem detail, written without a JSON library so that the filter needs nothing else.
   */
  static void refuse(HttpServletResponse response, long maxBytes) throws IOException {
    response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    // The rest of an unread body is not worth reading to keep the connection.
    response.setHeader(HttpHeaders.CONNECTION, "close");
    response
        .getWriter()
        .write(
            "{\"type\":\""
                + TYPE
                + "\",\"title\":\"Content too large\",\"status\":413,"
                + "\"detail\":\""
                + detail(maxBytes)
                + "\",\"maxBytes\":"
                + maxBytes
                + "}");
  }

  static String detail(long maxBytes) {
    return "The request body is larger than the " + maxBytes + " bytes this endpoint takes.";
  }

  private static String pathOf(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    return context != null && !context.isEmpty() && uri.startsWith(context)
        ? uri.substring(context.length())
        : uri;
  }

  /** The request with its body counted as it is read. */
  private static final class Limited extends HttpServletRequestWrapper {

    private final long maxBytes;
    private ServletInputStream stream;
    private BufferedReader reader;

    Limited(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (reader != null) {
        throw new IllegalStateException("getReader() has already been called for this request");
      }
      if (stream == null) {
        stream = new Counted(super.getInputStream(), maxBytes);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (stream != null) {
        throw new IllegalStateException(
            "getInputStream() has already been called for this request");
      }
      if (reader == null) {
        String encoding = getCharacterEncoding();
        Charset charset =
            encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        reader =
            new BufferedReader(
                new InputStreamReader(new Counted(super.getInputStream(), maxBytes), charset));
      }
      return reader;
    }
  }

  /** Fails at the first byte past the limit; reads nothing more from the connection after that. */
  private static final class Counted extends ServletInputStream {

    private final ServletInputStream in;
    private final long maxBytes;
    private long read;

    Counted(ServletInputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      requireRoom();
      int next = in.read();
      if (next >= 0) {
        counted(1);
      }
      return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      requireRoom();
      // Never more than one byte past the limit, so an oversized body is seen without reading
      // further.
      int n = in.read(buffer, offset, (int) Math.min(length, maxBytes - read + 1));
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void requireRoom() throws RequestBodyTooLargeException {
      if (read > maxBytes) {
        throw new RequestBodyTooLargeException(maxBytes);
      }
    }

    private void counted(long n) throws RequestBodyTooLargeException {
      read += n;
      requireRoom();
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

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
