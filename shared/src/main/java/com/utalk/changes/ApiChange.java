package com.utalk.changes;

/**
 * One change of a release, as the front end is told it ({@code type} is breaking, feature or fix).
 */
public record ApiChange(ChangeType type, String endpoint, String description, String migration) {}
