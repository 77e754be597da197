package dev.sealdrop.server.download;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class OpenApiDocumentTests extends DownloadTestSupport {

	@Test
	void downloadSharingAuditAndIdentityEndpointsAreDocumented() throws Exception {
		String document = this.mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();

		var paths = jsonOf(document).get("paths");
		assertThat(paths.has("/api/v1/clients")).isTrue();
		assertThat(paths.has("/api/v1/clients/{clientId}")).isTrue();
		assertThat(paths.get("/api/v1/files/{id}/archive").has("get")).isTrue();
		assertThat(paths.get("/api/v1/files/{id}/archive").has("post")).isTrue();
		assertThat(paths.has("/api/v1/files/{id}/content")).isTrue();
		assertThat(paths.has("/api/v1/files/{fileId}/shares")).isTrue();
		assertThat(paths.has("/api/v1/files/{fileId}/shares/{shareId}")).isTrue();
		assertThat(paths.has("/api/v1/audit")).isTrue();
		assertThat(paths.has("/api/v1/server-key/ca.pem")).isTrue();
		assertThat(paths.has("/api/v1/server-key/challenge")).isTrue();
	}

	@Test
	void everyOperationHasASummaryAndSpringsErrorControllerIsNotDocumented() throws Exception {
		String document = this.mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();

		var paths = jsonOf(document).get("paths");
		assertThat(paths.has("/error")).isFalse();
		java.util.List<String> undocumented = new java.util.ArrayList<>();
		for (var path : paths.properties()) {
			for (var operation : path.getValue().properties()) {
				if (!operation.getValue().has("summary")) {
					undocumented.add(operation.getKey() + " " + path.getKey());
				}
			}
		}
		assertThat(paths.size()).as("documented paths").isGreaterThan(15);
		assertThat(undocumented).isEmpty();
	}

}
