package com.utalk.kpi;

import java.time.Instant;

/** One workspace's counters for one UTC hour ({@code hour} is the hour's start). */
public record HourBucket(String workspaceId, Instant hour) {}
