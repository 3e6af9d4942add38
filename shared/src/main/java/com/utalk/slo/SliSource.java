package com.utalk.slo;

import java.time.Duration;

/** Where SLI counts come from: good and total events of an SLO over the window ending now. */
public interface SliSource {
  SliCounts counts(Slo slo, Duration window);
}
