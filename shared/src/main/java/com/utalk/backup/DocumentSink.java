package com.utalk.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Receives exported documents one by one, in document-path order. */
@FunctionalInterface
interface DocumentSink {
  void accept(String path, ObjectNode fields) throws IOException;
}
