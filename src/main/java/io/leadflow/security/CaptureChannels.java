package io.leadflow.security;

import java.util.Set;

/** The channels leads are captured from, each of which an API key may be issued for; intake knows them. */
public interface CaptureChannels {

  Set<String> channels();
}
