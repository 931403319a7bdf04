package io.leadflow.fulfilment;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The content a lead can ask for (guides, reports, recordings), by the asset name capture sources send. Marketing ops
 * maintain it in the configuration; an unknown or missing asset gets the default piece.
 *
 * @param assets asset name to its title and link
 * @param defaultAsset the asset sent when the lead asked for nothing in particular
 */
@ConfigurationProperties("leadflow.fulfilment")
public record ContentCatalogue(Map<String, Content> assets, @DefaultValue("product-overview") String defaultAsset) {

  /** A piece of content: what it is called and where to get it. */
  public record Content(String title, String url) {
  }

  public ContentCatalogue {
    assets = assets == null ? Map.of() : Map.copyOf(assets);
  }

  /** The content to send for the asset the lead asked for. */
  public Content forAsset(String asset) {
    Content content = asset == null ? null : assets.get(asset);
    if (content == null) {
      content = assets.get(defaultAsset);
    }
    if (content == null) {
      throw new IllegalStateException("The content catalogue (leadflow.fulfilment.assets) has neither '" + asset
          + "' nor the default asset '" + defaultAsset + "'");
    }
    return content;
  }
}
