package com.utalk.kpi;

import java.time.Instant;

/** What one raw document adds to the counters of one workspace-hour. */
public record Contribution(String workspaceId, Instant hour, Tally tally) {}
