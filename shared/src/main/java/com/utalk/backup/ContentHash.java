package com.utalk.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.MessageDigest;

/**
 * The count and content hash of a stream of documents, computed exactly as the export file's are.
 */
final class ContentHash implements DocumentSink {
  private final MessageDigest digest = Sha256.digest();
  private long documents;

  @Override
  public void accept(String path, ObjectNode fields) throws IOException {
    add(JsonLines.line(path, fields));
  }

  void add(byte[] line) {
    digest.update(line);
    digest.update((byte) '\n');
    documents++;
  }

  long documents() {
    return documents;
  }

  String hex() {
    return Sha256.hex(digest);
  }
}
