package com.utalk.validation;

import com.utalk.errors.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bytes that must be UTF-8: decoded, or refused with 400 — never patched with U+FFFD. */
public final class StrictUtf8 {
  private StrictUtf8() {}

  public static String decode(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ValidationException(null, what + " is not valid UTF-8");
    }
  }
}
