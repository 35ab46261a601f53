package org.cellpath.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The route of a request: its method and the template of the endpoint that serves it ({@code GET
 * /api/referrals/{id}}), found among the service's request mappings (controllers and actuator
 * endpoints); {@code <METHOD> (unmapped)} when none does. Methods other than the standard ones
 * count as {@code OTHER}, so that a caller who makes up paths and methods cannot make up routes.
 */
public class RouteTemplates implements Function<HttpServletRequest, String> {

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

  private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;

  public RouteTemplates(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
    this.mappings = mappings;
  }

  @Override
  public String apply(HttpServletRequest request) {
    String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
    boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
    if (parsedHere) {
      ServletRequestPathUtils.parseAndCache(request);
    }
    try {
      RequestMappingInfo best = null;
      for (RequestMappingInfoHandlerMapping mapping : mappings) {
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
          RequestMappingInfo match = matching(info, request);
          if (match != null && (best == null || match.compareTo(best, request) < 0)) {
            best = match;
          }
        }
      }
      if (best == null || best.getPatternValues().isEmpty()) {
        return method + " (unmapped)";
      }
      return method + " " + best.getPatternValues().iterator().next();
    } finally {
      if (parsedHere) {
        ServletRequestPathUtils.clearParsedRequestPath(request);
      }
    }
  }

  private static RequestMappingInfo matching(RequestMappingInfo info, HttpServletRequest request) {
    try {
      return info.getMatchingCondition(request);
    } catch (IllegalArgumentException | IllegalStateException notMatchable) {
      // A mapping that reads the path another way (a legacy path matcher) and cannot read it
      // outside the
      // dispatcher: it serves no route of ours.
      return null;
    }
  }
}
