package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;

/** The providers named at start-up are the ones the APIs then hand out, so a wrong name fails here, not at runtime. */
class NamedProvidersTest {

  @Test
  void theNamedProvidersAreTheOnesTheApisHandOut() throws Exception {
    LeadflowApplication.nameProviders();

    assertThat(System.getProperty("javax.xml.datatype.DatatypeFactory"))
        .isEqualTo(LeadflowApplication.NAMED_PROVIDERS.get("javax.xml.datatype.DatatypeFactory"))
        .isEqualTo(DatatypeFactory.newInstance().getClass().getName());
    assertThat(System.getProperty("jakarta.mail.util.StreamProvider"))
        .isEqualTo(LeadflowApplication.NAMED_PROVIDERS.get("jakarta.mail.util.StreamProvider"))
        .isEqualTo(StreamProvider.provider().getClass().getName());
  }
}
