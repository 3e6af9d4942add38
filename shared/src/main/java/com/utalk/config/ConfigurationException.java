package com.utalk.config;

/** Start-up must stop: a setting is missing or invalid. The message names the setting. */
public final class ConfigurationException extends RuntimeException {
  public ConfigurationException(String message) {
    super(message);
  }
}
