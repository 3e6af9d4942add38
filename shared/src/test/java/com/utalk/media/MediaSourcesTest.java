package com.utalk.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.config.Settings;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which media URLs may receive the account's Twilio credentials: Twilio's own hosts over https on
 * the default port, and the origins an operator adds (the local stand-in); nothing that only looks
 * like them.
 */
class MediaSourcesTest {
  private static boolean trusted(MediaSources sources, String url) {
    return sources.trusted(URI.create(url));
  }

  @Test
  void twilioHostsOverHttpsAreTrusted() {
    MediaSources twilio = new MediaSources(Set.of());
    assertTrue(
        trusted(twilio, "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"));
    assertTrue(trusted(twilio, "https://media.twiliocdn.com/AC1/ME1"));
    assertTrue(trusted(twilio, "https://mcs.us1.twilio.com/v1/Services/IS1/Media/ME1"));
    assertTrue(
        trusted(twilio, "https://API.TWILIO.COM:443/x"), "case and the explicit default port");
  }

  @Test
  void lookAlikesPlainHttpOtherPortsAndUserInfoAreNot() {
    MediaSources twilio = new MediaSources(Set.of());
    assertFalse(trusted(twilio, "http://api.twilio.com/x"), "plain http");
    assertFalse(trusted(twilio, "https://api.twilio.com:8443/x"), "another port");
    assertFalse(trusted(twilio, "https://api.twilio.com.evil.example/x"));
    assertFalse(trusted(twilio, "https://eviltwilio.com/x"));
    assertFalse(trusted(twilio, "https://user:pw@api.twilio.com/x"), "credentials in the URL");
    assertFalse(twilio.trusted(null));
    assertFalse(trusted(twilio, "mailto:ops@example.com"), "no host at all");
  }

  @Test
  void extraOriginsFromTheSettingsMatchByOriginOnly() {
    MediaSources local =
        MediaSources.from(
            Settings.of(
                Map.of(
                    "MEDIA_EXTRA_ALLOWED_ORIGINS",
                    " http://127.0.0.1:8089/ , https://media.example.com,,")));
    assertTrue(trusted(local, "http://127.0.0.1:8089/Media/ME1"));
    assertTrue(trusted(local, "https://media.example.com:443/a"), "the default port written out");
    assertTrue(trusted(local, "HTTPS://MEDIA.EXAMPLE.COM/a"));
    assertFalse(trusted(local, "http://127.0.0.1:8090/Media/ME1"), "another port");
    assertFalse(trusted(local, "http://media.example.com/a"), "another scheme");
    assertFalse(
        trusted(MediaSources.from(Settings.of(Map.of())), "http://127.0.0.1:8089/Media/ME1"),
        "no extra origins unless configured");
  }
}
