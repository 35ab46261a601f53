package org.cellpath.console.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's pages post forms of a few kilobytes. A body that announces more than the limit is
 * answered 413 at once, unread, signed in or not. A form sent without a length (chunked) is cut by
 * Tomcat's own limit on form bodies ({@code server.tomcat.max-http-form-post-size}, the same
 * figure), which fails the first read of its fields; that is answered 413 here too. Nothing else in
 * the console reads a request body.
 */
class RequestBodyLimit extends OncePerRequestFilter {

  private final long maxBytes;

  RequestBodyLimit(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      response.setHeader("Connection", "close");
      response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
      return;
    }
    try {
      chain.doFilter(request, response);
    } catch (InvalidParameterException invalid) {
      if (invalid.getErrorCode() != HttpStatus.CONTENT_TOO_LARGE.value()
          || response.isCommitted()) {
        throw invalid;
      }
      response.reset();
      response.setHeader("Connection", "close");
      response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
    }
  }
}
