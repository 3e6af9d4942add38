package com.utalk.conversations;

import java.util.List;

/** One page of a listing; {@code next} continues it, null on the last page. */
public record Page<T>(List<T> items, String next) {}
