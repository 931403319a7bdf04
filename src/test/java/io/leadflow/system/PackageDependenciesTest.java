package io.leadflow.system;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Features depend downwards only: no cycle between the packages under io.leadflow, and the shared kernel ({@code lead},
 * {@code system}) depends on no feature. A feature that must tell another something publishes an event or calls a
 * port the lower package owns (see CONVENTIONS.md). The graph is printed, to see where a new edge goes.
 */
class PackageDependenciesTest {

  private static final String ROOT = "io.leadflow.";
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.leadflow");
    printGraph();
  }

  @Test
  void shouldHaveNoCycleBetweenFeaturePackages() {
    slices().matching("io.leadflow.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void shouldKeepLeadAndSystemFreeOfFeatures() {
    classes().that().resideInAnyPackage("io.leadflow.lead..", "io.leadflow.system..")
        .should().onlyDependOnClassesThat(not(resideInAnyPackage("io.leadflow..")).or(
            resideInAnyPackage("io.leadflow.lead..", "io.leadflow.system..")))
        .check(classes);
  }

  @Test
  void shouldKeepSystemFreeOfLead() {
    classes().that().resideInAPackage("io.leadflow.system..")
        .should().onlyDependOnClassesThat(not(resideInAnyPackage("io.leadflow..")).or(
            resideInAnyPackage("io.leadflow.system..")))
        .check(classes);
  }

  private static void printGraph() {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (JavaClass type : classes) {
      feature(type).ifPresent(from -> {
        Set<String> targets = graph.computeIfAbsent(from, any -> new TreeSet<>());
        for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
          feature(dependency.getTargetClass()).filter(to -> !to.equals(from)).ifPresent(targets::add);
        }
      });
    }
    graph.forEach((from, to) -> System.out.println(from + " -> " + String.join(", ", to)));
  }

  private static Optional<String> feature(JavaClass type) {
    String name = type.getPackageName();
    if (!name.startsWith(ROOT)) {
      return Optional.empty();
    }
    int dot = name.indexOf('.', ROOT.length());
    return Optional.of(dot < 0 ? name.substring(ROOT.length()) : name.substring(ROOT.length(), dot));
  }
}
