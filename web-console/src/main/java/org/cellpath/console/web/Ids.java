package org.cellpath.console.web;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Ids typed or picked in a form. */
public final class Ids {

  private Ids() {}

  /** The id in {@code value}, or null when it is empty or not an id (the page then asks again). */
  public static @Nullable UUID parse(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }
}
