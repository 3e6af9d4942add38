package com.utalk.realtime.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The arguments of an event or of an acknowledgement, as parsed JSON. Binary attachments (a client
 * sending a {@code Buffer}/{@code ArrayBuffer}) appear as binary nodes: read them with {@link
 * #bytes}. Immutable view; do not modify the returned nodes.
 */
public final class Args {
  static final Args EMPTY = new Args(null, 0, null);

  private final ArrayNode array;
  private final int offset;
  private final ObjectMapper mapper;

  Args(ArrayNode array, int offset, ObjectMapper mapper) {
    this.array = array;
    this.offset = offset;
    this.mapper = mapper;
  }

  public int size() {
    return array == null ? 0 : Math.max(0, array.size() - offset);
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /** The argument at {@code index}, or a missing node (never null) when there is none. */
  public JsonNode get(int index) {
    if (index < 0 || index >= size()) {
      return MissingNode.getInstance();
    }
    return array.get(offset + index);
  }

  /**
   * The argument at {@code index} converted to {@code type} with the server's mapper ({@link
   * SocketServerConfig#objectMapper()}), or null when absent or JSON null.
   *
   * @throws IllegalArgumentException when it does not have the expected shape
   */
  public <T> T get(int index, Class<T> type) {
    JsonNode node = get(index);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      return mapper.treeToValue(node, type);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "argument " + index + " is not a " + type.getSimpleName(), e);
    }
  }

  /** The argument at {@code index} when it is a JSON string, else null. */
  public String text(int index) {
    return get(index).textValue();
  }

  /** The argument at {@code index} when it is a binary attachment, else null. */
  public byte[] bytes(int index) {
    JsonNode node = get(index);
    if (!node.isBinary()) {
      return null;
    }
    try {
      return node.binaryValue();
    } catch (IOException e) {
      return null;
    }
  }

  public List<JsonNode> asList() {
    int size = size();
    if (size == 0) {
      return List.of();
    }
    List<JsonNode> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(array.get(offset + i));
    }
    return Collections.unmodifiableList(list);
  }

  /** The arguments as a JSON array text (binary attachments shown as base64). */
  @Override
  public String toString() {
    return asList().toString();
  }
}
