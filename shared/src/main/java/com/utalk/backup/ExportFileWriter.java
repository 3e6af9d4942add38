package com.utalk.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a collection's documents as gzip JSON lines to a bucket object, hashing and counting as it
 * goes.
 */
final class ExportFileWriter implements DocumentSink, Closeable {
  private final BackupCollection collection;
  private final MessageDigest fileDigest = Sha256.digest();
  private final ContentHash content = new ContentHash();
  private final CountingStream counted;
  private final OutputStream out;

  ExportFileWriter(BackupCollection collection, OutputStream target) throws IOException {
    this.collection = collection;
    this.counted = new CountingStream(new DigestOutputStream(target, fileDigest));
    this.out = new GZIPOutputStream(counted, 1 << 16);
  }

  @Override
  public void accept(String path, ObjectNode fields) throws IOException {
    byte[] line = JsonLines.line(path, fields);
    out.write(line);
    out.write('\n');
    content.add(line);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** The manifest entry; call after {@link #close()}. */
  BackupFile describe() {
    return new BackupFile(
        collection.label(),
        collection.fileName(),
        content.documents(),
        counted.bytes,
        Sha256.hex(fileDigest),
        content.hex());
  }

  private static final class CountingStream extends FilterOutputStream {
    private long bytes;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      bytes += len;
    }
  }
}
