package com.utalk.backup;

/**
 * A check run after a restore (Firestore answers, the stack's /health answers…); throws when
 * unhealthy.
 */
public interface HealthCheck {
  String name();

  void check() throws Exception;

  static HealthCheck of(String name, Check check) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void check() throws Exception {
        check.run();
      }
    };
  }

  @FunctionalInterface
  interface Check {
    void run() throws Exception;
  }
}
