package org.cellpath.console.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.stereotype.Component;

/** Figures as the outcomes pages write them ({@code ${@outcomeFmt.percent(...)}}). */
@Component("outcomeFmt")
public class OutcomeFormats {

  /** A share 0-1 as a whole percentage: "83 %"; empty for none. */
  public String percent(BigDecimal share) {
    return share == null
        ? ""
        : share.movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString() + " %";
  }

  /** A change with its sign: "+2", "-0.5", "0". */
  public String change(BigDecimal change) {
    return change == null ? "" : Charts.signed(change);
  }

  /** An interquartile range: "1 to 3". */
  public String range(BigDecimal from, BigDecimal to) {
    return from == null || to == null ? "" : Charts.signed(from) + " / " + Charts.signed(to);
  }
}
