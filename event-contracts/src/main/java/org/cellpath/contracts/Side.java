package org.cellpath.contracts;

/** The side of the body to treat. */
public enum Side {
  LEFT,
  RIGHT,
  BILATERAL
}
