/* Importing neat-python configuration files: the values a real-looking XOR
 * configuration becomes, a run from it, the settings Medaka cannot take,
 * and line-numbered errors for broken files. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mdk-neat.h"
#include "mdk-neat-config.h"
#include "mdk-run.h"

#define SQRT3 1.7320508075688772
#define SIGMOID_SLOPE (5.0 / 4.9)   /* neat-python's sigmoid is 1/(1+e^(−5z)) */

static MdkExperiment *
xor_base (void)
{
  MdkExperiment *e = mdk_experiment_new (&mdk_task_xor_class, &mdk_neat_class);

  e->seed = 1;
  return e;
}

static char *
read_xor_config (gsize *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "neat-python", "xor.ini", NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, length, NULL));
  return text;
}

/* The line of @text where @key is set. */
static guint
line_of_key (const char *text,
             const char *key)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key) && strchr (" =", lines[i][strlen (key)]) != NULL)
      return i + 1;
  g_assert_not_reached ();
}

static MdkExperiment *
import_xor (GPtrArray **settings)
{
  gsize length;
  g_autofree char *text = read_xor_config (&length);
  g_autoptr(MdkExperiment) base = xor_base ();
  g_autoptr(GError) error = NULL;
  MdkExperiment *e = mdk_neat_config_import (text, length, base, settings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (e);
  return e;
}

static void
assert_close (double a,
              double b)
{
  if (fabs (a - b) > 1e-12 * MAX (1.0, fabs (b)))
    g_error ("%.17g is not %.17g", a, b);
}

static void
test_xor_values (void)
{
  g_autoptr(GPtrArray) settings = NULL;
  g_autoptr(MdkExperiment) e = import_xor (&settings);
  const MdkNeatParams *p = e->optimizer_params;
  /* In the file's order; everything else is supported. */
  const char *unsupported[] = {
    "fitness_threshold", "bias_init_stdev", "bias_replace_rate", "single_structural_mutation",
    "species_elitism", "elitism", "min_species_size",
  };
  gsize length;
  g_autofree char *text = read_xor_config (&length);
  guint k = 0;

  g_assert_true (e->task_class == &mdk_task_xor_class);
  g_assert_true (e->optimizer_class == &mdk_neat_class);
  g_assert_cmpuint (e->seed, ==, 1);
  g_assert_true (e->stop.stop_on_solved);
  g_assert_false (e->stop.use_fitness_target);

  g_assert_cmpint (p->population_size, ==, 150);
  g_assert_cmpint (p->hidden_activation, ==, MDK_ACTIVATION_NEAT_SIGMOID);
  g_assert_cmpint (p->output_activation, ==, MDK_ACTIVATION_NEAT_SIGMOID + 1);
  g_assert_cmpfloat (p->activation_mutate_rate, ==, 0.0);
  g_assert_false (p->allow_recurrent);
  /* Weights and biases in Medaka's units: the sigmoid's slope, and a
   * uniform distribution with the Gaussian's standard deviation. */
  assert_close (p->initial_weight_range, SQRT3 * 1.0 * SIGMOID_SLOPE);
  assert_close (p->weight_replace_range, SQRT3 * 1.0 * SIGMOID_SLOPE);
  assert_close (p->weight_perturb_power, SQRT3 * 0.5 * SIGMOID_SLOPE);
  assert_close (p->bias_perturb_power, SQRT3 * 0.5 * SIGMOID_SLOPE);
  assert_close (p->weight_max, 30 * SIGMOID_SLOPE);
  /* Per weight 0.8 perturbed and 0.1 replaced. */
  assert_close (p->weight_mutate_rate, 0.9);
  assert_close (p->weight_perturb_prob, 0.8 / 0.9);
  assert_close (p->bias_mutate_rate, 0.7);
  /* Add-connection, excluded by add-node in Medaka, keeps its share. */
  assert_close (p->add_connection_rate, 0.5 / 0.8);
  assert_close (p->add_node_rate, 0.2);
  assert_close (p->delete_connection_rate, 0.5);
  assert_close (p->delete_node_rate, 0.2);
  assert_close (p->toggle_enable_rate, 0.01);
  assert_close (p->compat_excess, 1.0);
  assert_close (p->compat_disjoint, 1.0);
  assert_close (p->compat_weight, 0.5 / SIGMOID_SLOPE);
  g_assert_cmpint (p->compat_normalize_min, ==, 0);
  assert_close (p->compat_threshold, 3.0);
  g_assert_cmpint (p->stagnation_limit, ==, 20);
  assert_close (p->survival_threshold, 0.2);
  g_assert_cmpint (p->elitism_min_species_size, ==, 0);

  /* Every setting of the file is accounted for, in order, with its line. */
  g_assert_cmpuint (settings->len, ==, 59);
  g_assert_cmpuint (mdk_neat_config_count_unsupported (settings), ==, G_N_ELEMENTS (unsupported));
  for (guint i = 0; i < settings->len; i++)
    {
      const MdkNeatConfigSetting *s = settings->pdata[i];

      g_assert_cmpuint (s->line, ==, line_of_key (text, s->key));
      g_assert_nonnull (s->note);
      if (!s->supported)
        g_assert_cmpstr (s->key, ==, unsupported[k++]);
      if (g_str_equal (s->key, "fitness_threshold"))
        {
          g_autofree char *line = mdk_neat_config_describe (s);
          g_autofree char *prefix = g_strdup_printf ("Line %u, [NEAT] fitness_threshold = 3.9: ", s->line);
          g_assert_true (g_str_has_prefix (line, prefix));
        }
    }
  g_assert_cmpuint (k, ==, G_N_ELEMENTS (unsupported));
}

/* A run from the imported configuration solves XOR. */
static void
test_xor_solves (void)
{
  g_autoptr(MdkExperiment) e = import_xor (NULL);
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;

  e->stop.max_generations = 300;
  e->threads = 1;
  run = mdk_run_new (e, &error);
  g_assert_no_error (error);
  while (reason == NULL)
    reason = mdk_run_step (run);
  g_assert_cmpstr (reason, ==, "solved");
  g_assert_true (mdk_run_is_solved (run, NULL, NULL));
}

/* A small valid configuration with @genome added to [DefaultGenome]. */
static char *
config_with (const char *neat,
             const char *genome)
{
  return g_strdup_printf ("[NEAT]\npop_size = 50\n%s\n"
                          "[DefaultGenome]\nnum_inputs = 2\nnum_outputs = 1\n%s\n"
                          "[DefaultSpeciesSet]\ncompatibility_threshold = 2.5\n"
                          "[DefaultStagnation]\nmax_stagnation = 10\n"
                          "[DefaultReproduction]\nelitism = 0\n",
                          neat, genome);
}

static MdkExperiment *
import_text (const char  *text,
             GPtrArray  **settings)
{
  g_autoptr(MdkExperiment) base = xor_base ();
  g_autoptr(GError) error = NULL;
  MdkExperiment *e = mdk_neat_config_import (text, strlen (text), base, settings, &error);

  g_assert_no_error (error);
  return e;
}

static const MdkNeatConfigSetting *
setting (GPtrArray  *settings,
         const char *key)
{
  for (guint i = 0; i < settings->len; i++)
    if (g_str_equal (((MdkNeatConfigSetting *) settings->pdata[i])->key, key))
      return settings->pdata[i];
  g_error ("no setting %s", key);
}

static void
test_conversions (void)
{
  /* tanh is tanh (2.5 z) in neat-python: weights and biases 2.5 times
   * larger in Medaka give the same networks; a uniform initial
   * distribution (mean ± 2σ) keeps its width. */
  {
    g_autofree char *text = config_with ("no_fitness_termination = True",
                                         "activation_default = tanh\nweight_init_type = uniform\n"
                                         "weight_init_stdev = 0.5\nweight_max_value = 4\n"
                                         "compatibility_weight_coefficient = 1.0\nfeed_forward = False\n"
                                         "bias_mutate_power = 0.2");
    g_autoptr(MdkExperiment) e = import_text (text, NULL);
    const MdkNeatParams *p = e->optimizer_params;

    g_assert_cmpint (p->hidden_activation, ==, MDK_ACTIVATION_TANH);
    g_assert_cmpint (p->output_activation, ==, MDK_ACTIVATION_TANH + 1);
    assert_close (p->initial_weight_range, 2.0 * 0.5 * 2.5);
    assert_close (p->weight_max, 4 * 2.5);
    assert_close (p->compat_weight, 1.0 / 2.5);
    assert_close (p->bias_perturb_power, SQRT3 * 0.2 * 2.5);
    g_assert_true (p->allow_recurrent);
    g_assert_false (e->stop.stop_on_solved);
    /* elitism = 0: no species is large enough to keep its champion. */
    g_assert_cmpint (p->elitism_min_species_size, ==, 100000);
  }
  /* What Medaka lacks is listed, and the rest still imports. */
  {
    g_autofree char *text = config_with ("fitness_criterion = mean\nseed = 4",
                                         "activation_default = cube\nactivation_options = cube sigmoid\n"
                                         "activation_mutate_rate = 0.1\naggregation_default = product\n"
                                         "initial_connection = partial_direct 0.5\nnum_hidden = 2\n"
                                         "response_mutate_rate = 0.2\nresponse_max_value = 5\n"
                                         "weight_min_value = -10\nweight_max_value = 20\n"
                                         "[Types]\nstagnation_type = DefaultStagnation");
    g_autoptr(GPtrArray) settings = NULL;
    g_autoptr(MdkExperiment) e = import_text (text, &settings);
    const char *unsupported[] = {
      "fitness_criterion", "seed", "activation_default", "activation_options", "aggregation_default",
      "initial_connection", "num_hidden", "response_mutate_rate", "response_max_value",
      "weight_min_value", "stagnation_type",
    };

    for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
      g_assert_false (setting (settings, unsupported[i])->supported);
    g_assert_cmpuint (mdk_neat_config_count_unsupported (settings), ==, G_N_ELEMENTS (unsupported));
    g_assert_cmpint (((MdkNeatParams *) e->optimizer_params)->population_size, ==, 50);
    /* Medaka's default activation stays; the mutation picks among all of
     * Medaka's functions. */
    g_assert_cmpint (((MdkNeatParams *) e->optimizer_params)->hidden_activation, ==, MDK_ACTIVATION_NEAT_SIGMOID);
    assert_close (((MdkNeatParams *) e->optimizer_params)->activation_mutate_rate, 0.1);
  }
  /* configparser's syntax: "key: value", keys in any case, comment lines,
   * indented continuation lines; and a comment after a value is dropped. */
  {
    const char *text =
      "; neat-python\n[NEAT]\nPOP_SIZE: 60   # sixty\n"
      "[DefaultGenome]\n# shape\nnum_inputs = 2\nnum_outputs = 1\nactivation_options = sigmoid\n"
      "    sigmoid\nconn_add_prob = 0.3\nnode_add_prob = 0.4\n"
      "[DefaultSpeciesSet]\ncompatibility_threshold = 2\n[DefaultStagnation]\n[DefaultReproduction]\n";
    g_autoptr(GPtrArray) settings = NULL;
    g_autoptr(MdkExperiment) e = import_text (text, &settings);
    const MdkNeatParams *p = e->optimizer_params;

    g_assert_cmpint (p->population_size, ==, 60);
    g_assert_cmpstr (setting (settings, "activation_options")->value, ==, "sigmoid sigmoid");
    assert_close (p->add_connection_rate, 0.3 / 0.6);
    g_assert_cmpuint (mdk_neat_config_count_unsupported (settings), ==, 0);
  }
}

static void
test_errors (void)
{
  static const struct
  {
    const char *neat;        /* lines added to [NEAT] */
    const char *genome;      /* to [DefaultGenome] */
    guint       line;
    int         code;
    const char *mentions;
  } cases[] = {
    /* Line 3 is the first added to [NEAT], line 7 the first to the genome. */
    { "pop_size = lots", "", 3, MDK_NEAT_CONFIG_ERROR_VALUE, "pop_size" },
    { "", "bias_mutate_rate = 0,7", 7, MDK_NEAT_CONFIG_ERROR_VALUE, "bias_mutate_rate" },
    { "fitness_threshold = high", "", 3, MDK_NEAT_CONFIG_ERROR_VALUE, "fitness_threshold" },
    { "reset_on_extinction = maybe", "", 3, MDK_NEAT_CONFIG_ERROR_VALUE, "True or False" },
    { "fitness_criterion = best", "", 3, MDK_NEAT_CONFIG_ERROR_VALUE, "best" },
    { "", "activation_default = swish", 7, MDK_NEAT_CONFIG_ERROR_VALUE, "swish" },
    { "", "activation_options = sigmoid my_sinc", 7, MDK_NEAT_CONFIG_ERROR_VALUE, "my_sinc" },
    { "", "aggregation_options = sum median2", 7, MDK_NEAT_CONFIG_ERROR_VALUE, "median2" },
    { "", "conn_add_prob = 1.5", 7, MDK_NEAT_CONFIG_ERROR_VALUE, "from 0 to 1" },
    { "", "weight_mutate_rate = 0.8.1", 7, MDK_NEAT_CONFIG_ERROR_VALUE, "weight_mutate_rate" },
    { "", "initial_connection = partial_direct", 7, MDK_NEAT_CONFIG_ERROR_VALUE, "partial_direct" },
    { "", "initial_connection = sparse", 7, MDK_NEAT_CONFIG_ERROR_VALUE, "sparse" },
    { "", "num_hidden = 1.5", 7, MDK_NEAT_CONFIG_ERROR_VALUE, "num_hidden" },
    { "", "no equals sign here", 7, MDK_NEAT_CONFIG_ERROR_SYNTAX, "key = value" },
    { "", "feed_forward = False", 7, MDK_NEAT_CONFIG_ERROR_SYNTAX, "twice" },
    { "", "[DefaultGenome]", 7, MDK_NEAT_CONFIG_ERROR_SYNTAX, "twice" },
    { "", "[NEAT", 7, MDK_NEAT_CONFIG_ERROR_SYNTAX, "[name]" },
    /* The task has 2 inputs and 1 output. */
    { "", "num_inputs = 3", 7, MDK_NEAT_CONFIG_ERROR_TASK, "num_inputs" },
    /* In neat-python's range, not in Medaka's. */
    { "", "weight_max_value = 2000", 7, MDK_NEAT_CONFIG_ERROR_VALUE, "weight_max" },
    { "pop_size = 1", "", 3, MDK_NEAT_CONFIG_ERROR_VALUE, "population_size" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("[NEAT]\nno_fitness_termination = False\n%s\n[DefaultGenome]\n"
                                               "feed_forward = True\nnum_outputs = 1\n%s\n"
                                               "[DefaultSpeciesSet]\n[DefaultStagnation]\n"
                                               "[DefaultReproduction]\n",
                                               cases[i].neat, cases[i].genome);
      g_autoptr(MdkExperiment) base = xor_base ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) settings = NULL;
      g_autofree char *prefix = g_strdup_printf ("Line %u: ", cases[i].line);

      if (mdk_neat_config_import (text, strlen (text), base, &settings, &error) != NULL)
        g_error ("case %u imported", i);
      g_assert_null (settings);
      g_assert_error (error, MDK_NEAT_CONFIG_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, cases[i].mentions) == NULL)
        g_error ("case %u: “%s” should start with “%s” and mention “%s”", i, error->message, prefix,
                 cases[i].mentions);
    }

  /* Whole-file problems. */
  {
    static const struct
    {
      const char *text;
      guint       line;
      const char *mentions;
    } files[] = {
      { "[NEAT]\npop_size = 5\n[DefaultGenome]\n[DefaultSpeciesSet]\n[DefaultStagnation]\n",
        5, "[DefaultReproduction]" },
      { "pop_size = 5\n[NEAT]\n", 1, "before any [section]" },
      { "[NEAT]\n  pop_size = 5\n", 2, "continues no setting" },
      { "[NEAT]\npop_size = 5\xff\n", 2, "UTF-8" },
      { "", 1, "[NEAT]" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autoptr(MdkExperiment) base = xor_base ();
        g_autoptr(GError) error = NULL;
        g_autofree char *prefix = g_strdup_printf ("Line %u: ", files[i].line);

        g_assert_null (mdk_neat_config_import (files[i].text, strlen (files[i].text), base, NULL, &error));
        g_assert_error (error, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_SYNTAX);
        if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, files[i].mentions) == NULL)
          g_error ("file %u: “%s”", i, error->message);
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/neat-config/xor-values", test_xor_values);
  g_test_add_func ("/core/neat-config/xor-solves", test_xor_solves);
  g_test_add_func ("/core/neat-config/conversions", test_conversions);
  g_test_add_func ("/core/neat-config/errors", test_errors);
  return g_test_run ();
}
