package com.utalk.ops.runbooks.login;

import java.time.Instant;

/**
 * One enabled version of the JWT signing secret as the runbook sees it: its kid, how many bytes the
 * secret has (0: missing) and when it was made. Never its value.
 */
record KeyVersion(String kid, int bytes, Instant createdAt, boolean removable) {}
