package com.utalk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.utalk.errors.ForbiddenException;
import com.utalk.errors.NotFoundException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionPolicyTest {
  private final PermissionPolicy policy = new PermissionPolicy();

  /** The matrix of docs/permissions.md, cell by cell. */
  private static final Map<Permission, Set<Role>> EXPECTED =
      Map.ofEntries(
          Map.entry(Permission.CONVERSATIONS_READ, EnumSet.allOf(Role.class)),
          Map.entry(Permission.MESSAGES_SEND, EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.AGENT)),
          Map.entry(
              Permission.CONVERSATIONS_ASSIGN_SELF,
              EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.AGENT)),
          Map.entry(Permission.CONVERSATIONS_ASSIGN_OTHERS, EnumSet.of(Role.ADMIN, Role.DEVELOPER)),
          Map.entry(Permission.CONVERSATIONS_FORCE_REASSIGN, EnumSet.of(Role.ADMIN)),
          Map.entry(
              Permission.CONVERSATIONS_CLOSE, EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.AGENT)),
          Map.entry(Permission.USERS_READ, EnumSet.allOf(Role.class)),
          Map.entry(Permission.USERS_MANAGE, EnumSet.of(Role.ADMIN)),
          Map.entry(Permission.AUDIT_READ, EnumSet.of(Role.ADMIN, Role.OPERATOR)),
          Map.entry(Permission.SECRETS_ROTATE, EnumSet.of(Role.ADMIN)),
          Map.entry(Permission.BACKUPS_RESTORE, EnumSet.of(Role.ADMIN)),
          Map.entry(
              Permission.KPIS_READ,
              EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.OPERATOR, Role.READONLY)),
          Map.entry(Permission.SLO_READ, EnumSet.of(Role.ADMIN, Role.OPERATOR)),
          Map.entry(Permission.AI_CONFIG_READ, EnumSet.of(Role.ADMIN)),
          Map.entry(Permission.AI_CONFIG_WRITE, EnumSet.of(Role.ADMIN)),
          Map.entry(Permission.BOT_FORCE_PAUSE, EnumSet.of(Role.ADMIN)),
          Map.entry(Permission.MEDIA_REGENERATE_URLS, EnumSet.of(Role.ADMIN)),
          Map.entry(Permission.FLAGS_READ, EnumSet.of(Role.ADMIN, Role.DEVELOPER, Role.OPERATOR)),
          Map.entry(Permission.FLAGS_MANAGE, EnumSet.of(Role.ADMIN)));

  @Test
  void everyCellOfTheMatrix() {
    assertEquals(EnumSet.allOf(Permission.class), EXPECTED.keySet(), "every permission has a row");
    for (Permission permission : Permission.values()) {
      for (Role role : Role.values()) {
        assertEquals(
            EXPECTED.get(permission).contains(role),
            policy.allows(role, permission),
            role + " × " + permission);
      }
      assertEquals(EXPECTED.get(permission), policy.rolesWith(permission));
    }
  }

  @Test
  void deniedIsForbidden() {
    Principal readonly = new Principal("u1", Role.READONLY, "ws-a", "j");
    assertThrows(ForbiddenException.class, () -> policy.check(readonly, Permission.MESSAGES_SEND));
  }

  @Test
  void anotherWorkspacesResourceIsNotFoundEvenForAdmins() {
    Principal admin = new Principal("u1", Role.ADMIN, "ws-a", "j");
    NotFoundException hidden =
        assertThrows(
            NotFoundException.class,
            () -> policy.check(admin, Permission.CONVERSATIONS_READ, "ws-b"));
    assertEquals(PermissionPolicy.notFound().getMessage(), hidden.getMessage());
    assertThrows(
        NotFoundException.class, () -> policy.check(admin, Permission.CONVERSATIONS_READ, null));
    policy.check(admin, Permission.CONVERSATIONS_READ, "ws-a");
  }

  @Test
  void workspaceIsCheckedBeforeTheRoleSoNothingLeaks() {
    Principal readonly = new Principal("u1", Role.READONLY, "ws-a", "j");
    assertThrows(
        NotFoundException.class, () -> policy.check(readonly, Permission.MESSAGES_SEND, "ws-b"));
  }
}
