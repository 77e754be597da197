package dev.sealdrop.server.download;

import org.junit.jupiter.api.Test;

import dev.sealdrop.server.security.SealdropPrincipal;
import dev.sealdrop.server.upload.TestArchives;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class PlaintextDisabledTests extends DownloadTestSupport {

	@Test
	void plaintextEndpointIsNotFoundByDefaultEvenForTheOwner() throws Exception {
		SealdropPrincipal alice = createUser(false);
		String id = upload(alice, "secret.txt", TestArchives.content(1000, 3));

		this.mvc.perform(get("/api/v1/files/{id}/content", id).with(as(alice)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:sealdrop:problem:not-found"));
	}

}
