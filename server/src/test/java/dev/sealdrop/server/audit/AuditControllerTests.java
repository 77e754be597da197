package dev.sealdrop.server.audit;

import org.junit.jupiter.api.Test;

import dev.sealdrop.server.download.DownloadTestSupport;
import dev.sealdrop.server.security.SealdropPrincipal;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class AuditControllerTests extends DownloadTestSupport {

	@Autowired
	private AuditLog audit;

	@Autowired
	private AuditRepository repository;

	@Autowired
	private org.springframework.context.ApplicationEventPublisher events;

	@Test
	void adminListsEntriesNewestFirstWithFilters() throws Exception {
		SealdropPrincipal admin = createUser(true);
		SealdropPrincipal alice = createUser(false);
		// Explicit times: entries of the same millisecond have no defined order among themselves.
		java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		this.repository.insert(new AuditEvent(java.util.UUID.randomUUID().toString(), now.minusSeconds(2),
				alice.userId(), alice.username(), AuditAction.SHARE, "file:1", null, AuditOutcome.SUCCESS, "with bob"));
		this.repository.insert(new AuditEvent(java.util.UUID.randomUUID().toString(), now.minusSeconds(1),
				alice.userId(), alice.username(), AuditAction.DOWNLOAD, "file:2", null, AuditOutcome.FAILURE, "not-found"));

		this.mvc.perform(get("/api/v1/audit").param("user", alice.username()).with(as(admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items", hasSize(2)))
			.andExpect(jsonPath("$.items[0].action").value("DOWNLOAD"))
			.andExpect(jsonPath("$.items[0].outcome").value("FAILURE"))
			.andExpect(jsonPath("$.items[0].actor").value(alice.username()))
			.andExpect(jsonPath("$.items[1].action").value("SHARE"))
			.andExpect(jsonPath("$.totalItems").value(2));
		this.mvc.perform(get("/api/v1/audit").param("user", alice.username()).param("action", "share").with(as(admin)))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].target").value("file:1"));
		this.mvc.perform(get("/api/v1/audit").param("user", alice.username()).param("outcome", "FAILURE")
			.param("size", "1").with(as(admin))).andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].target").value("file:2"));
	}

	@Test
	void pagesAreBounded() throws Exception {
		SealdropPrincipal admin = createUser(true);
		SealdropPrincipal alice = createUser(false);
		for (int i = 0; i < 3; i++) {
			this.audit.success(alice, AuditAction.UPLOAD, "file:" + i, null);
		}

		this.mvc.perform(get("/api/v1/audit").param("user", alice.username()).param("size", "2").param("page", "1")
			.with(as(admin))).andExpect(jsonPath("$.items", hasSize(1))).andExpect(jsonPath("$.totalPages").value(2));
		this.mvc.perform(get("/api/v1/audit").param("size", "0").with(as(admin))).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/v1/audit").param("size", "101").with(as(admin))).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/v1/audit").param("page", "-1").with(as(admin))).andExpect(status().isBadRequest());
	}

	@Test
	void unknownActionIsAValidationError() throws Exception {
		this.mvc.perform(get("/api/v1/audit").param("action", "DROP TABLE").with(as(createUser(true))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:validation-failed"));
	}

	@Test
	void nonAdminsAreForbidden() throws Exception {
		this.mvc.perform(get("/api/v1/audit").with(as(createUser(false)))).andExpect(status().isForbidden());
	}

	@Test
	void anonymousCallersAreUnauthorized() throws Exception {
		this.mvc.perform(get("/api/v1/audit")).andExpect(status().isUnauthorized());
	}

	@Test
	void failedSignInEventsAreRecordedWithoutCredentials() {
		this.events.publishEvent(new org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent(
				org.springframework.security.authentication.UsernamePasswordAuthenticationToken.unauthenticated("mallory-x",
						"the password"),
				new org.springframework.security.authentication.BadCredentialsException("Bad credentials")));

		var row = this.jdbc.sql("SELECT action, outcome, detail FROM audit_events WHERE actor = 'mallory-x'")
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).single();
		assertThat(row).isEqualTo("LOGIN_FAILED FAILURE BadCredentials");
	}

	@Test
	void anonymousEntriesAndControlCharactersAreStoredSafely() throws Exception {
		this.audit.recordAnonymous("evil\nuser", AuditAction.LOGIN_FAILED, null, AuditOutcome.FAILURE, "x".repeat(900));

		String detail = this.jdbc.sql("SELECT detail FROM audit_events WHERE actor = 'evil user'").query(String.class)
			.single();
		assertThat(detail).hasSize(500);
	}

}
