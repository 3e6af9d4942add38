package com.utalk.media;

/**
 * Why a media item could not be stored. {@code code} goes on the media document and in logs (short,
 * no URLs with credentials, no content); {@code permanent} failures are not retried by redelivery
 * (a forged host, a refused type or an oversize file will not get better).
 */
public final class MediaFailure extends Exception {
  public static final String FORBIDDEN_HOST = "forbidden_host";
  public static final String UNSUPPORTED_TYPE = "unsupported_type";
  public static final String TOO_LARGE = "too_large";
  public static final String DOWNLOAD_FAILED = "download_failed";
  public static final String STORAGE_FAILED = "storage_failed";

  private final String code;
  private final boolean permanent;

  public MediaFailure(String code, boolean permanent, String message) {
    this(code, permanent, message, null);
  }

  public MediaFailure(String code, boolean permanent, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.permanent = permanent;
  }

  public String code() {
    return code;
  }

  public boolean permanent() {
    return permanent;
  }
}
