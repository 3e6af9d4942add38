package com.utalk.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.auth.MutableClock;
import com.utalk.testing.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeAnnouncementsTest {
  @Test
  void thePublishedAnnouncementIsTheChangelogsSectionAndTheNewestWins() throws Exception {
    try (TestEnvironment env = TestEnvironment.create()) {
      MutableClock clock = new MutableClock(Instant.parse("2025-04-01T09:00:00Z"));
      ChangeAnnouncements announcements = new ChangeAnnouncements(env.firestore(), clock);
      assertTrue(announcements.latest().isEmpty());
      Release release = Changelog.bundled().release("1.2.0").orElseThrow();
      announcements.publish(Changelog.bundled().release("1.1.0").orElseThrow());
      clock.advance(Duration.ofMinutes(1));
      announcements.publish(release);
      ChangeAnnouncements.Announcement latest = announcements.latest().orElseThrow();
      assertEquals("1.2.0", latest.version());
      assertEquals(release.changes(), latest.changes());
      assertEquals("https://docs.utalk.com/migrations/v1.1-to-v1.2", latest.migrationGuide());
      assertEquals("api.changes", latest.payload().get("type"));
      assertEquals("breaking", ((java.util.Map<?, ?>) ((java.util.List<?>) latest.payload().get("changes")).get(0)).get("type"));
    }
  }
}
