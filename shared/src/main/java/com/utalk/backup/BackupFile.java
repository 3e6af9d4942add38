package com.utalk.backup;

/**
 * One file of a backup as the manifest lists it. {@code sha256} is over the stored (gzip) bytes,
 * {@code contentSha256} over the uncompressed JSON lines: the first proves the file arrived intact,
 * the second that a restored database holds exactly these documents.
 */
public record BackupFile(
    String collection,
    String file,
    long documents,
    long bytes,
    String sha256,
    String contentSha256) {}
