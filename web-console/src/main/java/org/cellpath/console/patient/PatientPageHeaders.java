package org.cellpath.console.patient;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every answer under {@code /p/} (pages, redirects, errors): the token is in the address, so no
 * cache keeps the page, no Referer carries the address to another site, and no search engine lists
 * it. Also a flood guard per client address (at most {@code permits} requests per {@code period},
 * in memory, per instance), answered 429 before anything reaches the services.
 */
class PatientPageHeaders extends OncePerRequestFilter {

  /** Beyond this many clients tracked, idle ones are dropped. */
  private static final int MAX_CLIENTS = 10_000;

  private final int permits;
  private final Duration period;
  private final Clock clock;
  private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

  PatientPageHeaders(int permits, Duration period, Clock clock) {
    this.permits = permits;
    this.period = period;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Robots-Tag", "noindex, nofollow");
    long retryAfter = acquire(request.getRemoteAddr());
    if (retryAfter > 0) {
      response.setHeader("Retry-After", Long.toString(retryAfter));
      response.setStatus(429);
      response.setContentType("text/plain;charset=UTF-8");
      response
          .getWriter()
          .write(
              "Too many requests. Please wait a few minutes, or call the clinic.\n"
                  + "Demasiadas solicitudes. Espere unos minutos o llame a la clínica.\n");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Counts one request of the client; the seconds to wait when over the limit, else 0. */
  long acquire(String client) {
    Instant now = clock.instant();
    if (recent.size() > MAX_CLIENTS) {
      recent
          .values()
          .removeIf(times -> times.isEmpty() || !times.peekLast().isAfter(now.minus(period)));
    }
    Deque<Instant> times = recent.computeIfAbsent(client, key -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(period))) {
        times.pollFirst();
      }
      if (times.size() >= permits) {
        return Math.max(1, Duration.between(now, times.peekFirst().plus(period)).toSeconds());
      }
      times.addLast(now);
      return 0;
    }
  }
}
