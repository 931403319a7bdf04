package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README shows the process models as images rendered from the models (src/docs/render-models.mjs). A model
 * changed without rendering its image again fails here: the image must show exactly the model's elements.
 */
class ModelImagesTest {

  private static final Pattern ELEMENT = Pattern.compile("data-element-id=\"([^\"]+)\"");

  static Stream<Path> models() throws IOException {
    return Files.list(Path.of("bpmn")).filter(path -> path.toString().endsWith(".bpmn")).sorted();
  }

  @ParameterizedTest
  @MethodSource("models")
  void shouldShowEveryElementOfTheModelAndNothingElse(Path model) throws IOException {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
    Set<String> modelIds = new TreeSet<>();
    bpmn.getModelElementsByType(FlowElement.class).forEach(element -> modelIds.add(element.getId()));

    Path image = Path.of("src/docs", model.getFileName().toString().replace(".bpmn", ".svg"));
    assertThat(image).as("rendered image of " + model + " (run src/docs/render-models.mjs)").exists();
    Set<String> imageIds = new TreeSet<>();
    Matcher matcher = ELEMENT.matcher(Files.readString(image));
    while (matcher.find()) {
      imageIds.add(matcher.group(1));
    }
    imageIds.removeIf(id -> id.endsWith("_label") || id.equals(bpmn.getModelElementsByType(
        org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId()));

    assertThat(imageIds).as("elements in " + image + " (run src/docs/render-models.mjs)")
        .containsExactlyInAnyOrderElementsOf(modelIds);
  }
}
