package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.fulfilment.PrintedKit;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.metrics.LeadProcessReview;
import io.leadflow.nurture.LeadNurture;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.junit.jupiter.api.Test;

/**
 * The names the code shares with the models (messages it correlates, elements it and the tests refer to) exist in
 * bpmn/: a message the code sends but no model catches is accepted by the engine and silently goes nowhere.
 */
class ModelNamesTest {

  private static final List<Class<?>> NAMES = List.of(LeadLifecycle.class, LeadNurture.class, PrintedKit.class,
      LeadProcessReview.class);

  @Test
  void shouldCatchEveryMessageTheCodeSends() throws IOException {
    Set<String> caught = models().flatMap(model -> model.getModelElementsByType(Message.class).stream())
        .map(Message::getName).collect(Collectors.toSet());

    assertThat(constants(NAMES.stream(), "MESSAGE_")).isNotEmpty().allSatisfy(message ->
        assertThat(caught).as("a message named " + message + " in bpmn/").contains(message));
  }

  @Test
  void shouldHaveEveryElementTheCodeNames() throws IOException {
    Set<String> ids = models().flatMap(model -> model.getModelElementsByType(BaseElement.class).stream())
        .map(BaseElement::getId).collect(Collectors.toSet());

    assertThat(constants(NAMES.stream().flatMap(names -> Arrays.stream(names.getDeclaredClasses()))
        .filter(nested -> nested.getSimpleName().equals("Elements")), "")).isNotEmpty().allSatisfy(id ->
        assertThat(ids).as("an element with id " + id + " in bpmn/").contains(id));
  }

  private static Stream<BpmnModelInstance> models() throws IOException {
    return Files.list(Path.of("bpmn")).filter(path -> path.toString().endsWith(".bpmn")).sorted()
        .map(path -> Bpmn.readModelFromFile(path.toFile())).toList().stream();
  }

  private static List<String> constants(Stream<Class<?>> classes, String prefix) {
    return classes.flatMap(type -> Arrays.stream(type.getDeclaredFields()))
        .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
        .filter(field -> field.getName().startsWith(prefix))
        .map(ModelNamesTest::value).toList();
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
