/* medaka-cli as a user meets it: exit codes, one-line errors, output files
 * (checked against what the core reads from them). */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "mdk-neat-genome.h"
#include "mdk-project.h"
#include "mdk-run-state.h"
#include "mdk-test-files.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* medaka-cli with the NULL-terminated @args. */
static Result
cliv (const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("MEDAKA_CLI");
  Result r = { 0 };
  int wait_status = 0;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &r.out, &r.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  return r;
}

static Result
cli (const char *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return cliv ((const char **) args->pdata);
}

/* A usage error is exactly one line on stderr and status 2. */
static void
assert_usage_error (const Result *r,
                    const char   *must_contain)
{
  g_assert_cmpint (r->status, ==, 2);
  g_assert_true (g_str_has_prefix (r->err, "medaka-cli: "));
  g_assert_cmpint (strchr (r->err, '\n') - r->err, ==, (int) strlen (r->err) - 1);
  if (must_contain != NULL && strstr (r->err, must_contain) == NULL)
    g_error ("“%s” not in “%s”", must_contain, r->err);
}

static void
test_usage_errors (void)
{
  {
    g_auto (Result) r = cli (NULL, NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto (Result) r = cli ("frobnicate", NULL);
    assert_usage_error (&r, "frobnicate");
  }
  {
    g_auto (Result) r = cli ("run", "--task", "nope", NULL);
    assert_usage_error (&r, "nope");
  }
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-p", "population_size=1", NULL);
    assert_usage_error (&r, "population_size");
  }
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-p", "survival_threshold=abc", NULL);
    assert_usage_error (&r, "survival_threshold");
  }
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-p", "no_such_thing=3", NULL);
    assert_usage_error (&r, "no_such_thing");
  }
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-p", "novalue", NULL);
    assert_usage_error (&r, "KEY=VALUE");
  }
  {
    g_auto (Result) r = cli ("run", "--threads", "0", NULL);
    assert_usage_error (&r, "--threads");
  }
  {
    g_auto (Result) r = cli ("run", "--generations", "many", NULL);
    assert_usage_error (&r, NULL);
  }
  {
    g_auto (Result) r = cli ("run", "--target", "high", NULL);
    assert_usage_error (&r, "high");
  }
  {
    g_auto (Result) r = cli ("run", "stray", NULL);
    assert_usage_error (&r, "stray");
  }
  {
    g_auto (Result) r = cli ("run", "-t", "classify", "-P", "points=5", NULL);
    assert_usage_error (&r, "points");
  }
  {
    g_auto (Result) r = cli ("bench", NULL);
    assert_usage_error (&r, NULL);
  }
  {
    g_auto (Result) r = cli ("params", "--task", "nope", NULL);
    assert_usage_error (&r, "nope");
  }
}

static void
test_help (void)
{
  const char *commands[] = { "run", "export", "bench", "params", "import-neat" };

  {
    g_auto (Result) r = cli ("--help", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "bench"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (Result) r = cli (commands[i], "--help-all", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "--"));
    }
  {
    g_auto (Result) r = cli ("params", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "population_size"));
    g_assert_nonnull (strstr (r.out, "train_fraction"));
    g_assert_nonnull (strstr (r.out, "label_column"));
  }
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_run_outputs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *history = NULL, *champion = NULL, *summary = NULL, *again = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  JsonObject *root;

  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-s", "3", "-j", "2", "-g", "200", "-o", out, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Solved"));
    /* Not a terminal: plain progress lines. */
    g_assert_null (strchr (r.err, '\r'));
  }
  history = read_file (out, "history.csv");
  lines = g_strsplit (history, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "generation,best,mean,median,stdev,species,mean_nodes,mean_connections,evaluations,seconds"));
  g_assert_true (g_str_has_prefix (lines[1], "0,"));

  champion = read_file (out, "champion.json");
  g_assert_true (json_parser_load_from_data (parser, champion, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "medaka-champion");
  g_assert_true (json_object_get_boolean_member (root, "solved"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "genome"), "kind"), ==, "neat");

  summary = read_file (out, "summary.json");
  g_assert_true (json_parser_load_from_data (parser, summary, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (root, "solved"));
  g_assert_cmpint (json_object_get_int_member (root, "seed"), ==, 3);

  /* A second run into the same folder must not overwrite the first. */
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-s", "4", "-o", out, NULL);
    assert_usage_error (&r, "--overwrite");
  }
  again = read_file (out, "history.csv");
  g_assert_cmpstr (again, ==, history);

  /* The same seed with another thread count writes the same history. */
  {
    g_autofree char *out1 = g_build_filename (dir, "one-thread", NULL);
    g_autofree char *h1 = NULL;
    g_auto(GStrv) l1 = NULL;
    g_auto (Result) r = cli ("run", "-t", "xor", "-s", "3", "-j", "1", "-g", "200", "-q", "-o", out1, NULL);
    g_assert_cmpint (r.status, ==, 0);
    h1 = read_file (out1, "history.csv");
    l1 = g_strsplit (h1, "\n", -1);
    g_assert_cmpuint (g_strv_length (l1), ==, g_strv_length (lines));
    for (guint i = 1; lines[i] && lines[i][0]; i++)
      {
        /* Compare up to the seconds column (the 10th). */
        g_auto(GStrv) a = g_strsplit (lines[i], ",", -1), b = g_strsplit (l1[i], ",", -1);
        for (guint c = 0; c < 9; c++)
          g_assert_cmpstr (a[c], ==, b[c]);
      }
  }
}

static void
test_csv_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *arg = g_strdup_printf ("path=%s", path);

  g_assert_true (g_file_set_contents (path, "a,b,label\n1,2,x\n3,oops,y\n", -1, NULL));
  {
    g_auto (Result) r = cli ("run", "-t", "csv", "-P", arg, NULL);
    assert_usage_error (&r, "3");
    g_assert_nonnull (strstr (r.err, "oops"));
  }
  {
    g_auto (Result) r = cli ("run", "-t", "csv", "-P", "path=/nonexistent/file.csv", NULL);
    assert_usage_error (&r, "/nonexistent/file.csv");
  }
}

/* Save after 7 generations, resume to 16 with another thread count: the
 * same history and champion as 16 straight (seconds aside). */
/* history.csv lines, equal in every column but the wall-clock seconds. */
static void
assert_same_history_rows (char **a_lines,
                          char **b_lines)
{
  for (guint i = 1; a_lines[i] && a_lines[i][0]; i++)
    {
      g_auto(GStrv) a = g_strsplit (a_lines[i], ",", -1), b = g_strsplit (b_lines[i], ",", -1);
      for (guint c = 0; a[c] != NULL; c++)
        if (c != 9)   /* seconds */
          g_assert_cmpstr (a[c], ==, b[c]);
    }
}

/* The JSON document inside a gzip-compressed project file. */
static JsonNode *
read_project (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, NULL));
  g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (raw, G_CONVERTER (gunzip));
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_stream (parser, in, NULL, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_save_resume (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-resume-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "run.medaka", NULL);
  g_autofree char *out_resumed = g_build_filename (dir, "resumed", NULL);
  g_autofree char *out_straight = g_build_filename (dir, "straight", NULL);
  g_autofree char *h1 = NULL, *h2 = NULL, *c1 = NULL, *c2 = NULL;
  g_auto(GStrv) l1 = NULL, l2 = NULL;
  g_autoptr(JsonParser) p1 = json_parser_new (), p2 = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *g1 = NULL, *g2 = NULL;

  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-g", "7", "--no-stop-on-solved", "-j", "2", "-q",
                             "--save", project, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto (Result) r = cli ("run", "--resume", project, "-g", "16", "-j", "1", "-q", "-o", out_resumed, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-g", "16", "--no-stop-on-solved", "-j", "1", "-q",
                             "-o", out_straight, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  h1 = read_file (out_resumed, "history.csv");
  h2 = read_file (out_straight, "history.csv");
  l1 = g_strsplit (h1, "\n", -1);
  l2 = g_strsplit (h2, "\n", -1);
  g_assert_cmpuint (g_strv_length (l1), ==, 18);
  g_assert_cmpuint (g_strv_length (l1), ==, g_strv_length (l2));
  assert_same_history_rows (l1, l2);
  c1 = read_file (out_resumed, "champion.json");
  c2 = read_file (out_straight, "champion.json");
  g_assert_true (json_parser_load_from_data (p1, c1, -1, NULL));
  g_assert_true (json_parser_load_from_data (p2, c2, -1, NULL));
  json_generator_set_root (gen, json_object_get_member (json_node_get_object (json_parser_get_root (p1)), "genome"));
  g1 = json_generator_to_data (gen, NULL);
  json_generator_set_root (gen, json_object_get_member (json_node_get_object (json_parser_get_root (p2)), "genome"));
  g2 = json_generator_to_data (gen, NULL);
  g_assert_cmpstr (g1, ==, g2);

  /* Resuming keeps the saved experiment; a broken file is one line, status 2. */
  {
    g_auto (Result) r = cli ("run", "--resume", project, "-t", "classify", NULL);
    assert_usage_error (&r, "--resume");
  }
  {
    g_autofree char *bad = g_build_filename (dir, "bad.medaka", NULL);
    g_assert_true (g_file_set_contents (bad, "{\"format\": \"medaka-project\", \"version\": 99}", -1, NULL));
    {
      g_auto (Result) r = cli ("run", "--resume", bad, NULL);
      assert_usage_error (&r, "bad.medaka");
    }
  }
  /* "run PROJECT" continues the project and saves it back, keeping its
   * notes; two such steps equal the straight run. */
  {
    g_autofree char *positional = g_build_filename (dir, "positional.medaka", NULL);
    g_autofree char *out_positional = g_build_filename (dir, "positional", NULL);
    g_autoptr(JsonNode) doc = read_project (project);
    g_autoptr(JsonNode) saved = NULL;
    g_autofree char *h3 = NULL;

    json_object_set_string_member (json_node_get_object (doc), "notes", "keep me");
    json_generator_set_root (gen, doc);
    g_assert_true (json_generator_to_file (gen, positional, NULL));
    {
      g_auto (Result) r = cli ("run", positional, "-g", "11", "-q", NULL);
      g_assert_cmpint (r.status, ==, 0);
    }
    {
      g_auto (Result) r = cli ("run", positional, "-g", "16", "-q", "-o", out_positional, NULL);
      g_assert_cmpint (r.status, ==, 0);
    }
    saved = read_project (positional);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (saved), "notes"), ==, "keep me");
    h3 = read_file (out_positional, "history.csv");
    {
      g_auto(GStrv) l3 = g_strsplit (h3, "\n", -1);
      g_assert_cmpuint (g_strv_length (l3), ==, g_strv_length (l2));
      assert_same_history_rows (l3, l2);
    }
  }
  /* "run PROJECT --out FILE" saves the continued run to FILE and leaves
   * PROJECT as it was; --out and --save cannot name two files. */
  {
    g_autofree char *elsewhere = g_build_filename (dir, "elsewhere.medaka", NULL);
    g_autoptr(JsonNode) before = read_project (project);
    g_autoptr(JsonNode) after = NULL, moved = NULL;

    {
      g_auto (Result) r = cli ("run", project, "-g", "9", "-q", "--out", elsewhere, NULL);
      g_assert_cmpint (r.status, ==, 0);
    }
    after = read_project (project);
    g_assert_true (json_node_equal (before, after));
    moved = read_project (elsewhere);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (moved), "state"),
                                                 "generation"), ==, 9);
    {
      g_auto (Result) r = cli ("run", project, "-g", "9", "--out", elsewhere, NULL);
      assert_usage_error (&r, "--overwrite");
    }
    {
      g_auto (Result) r = cli ("run", project, "-g", "9", "--out", elsewhere, "--save", project, NULL);
      assert_usage_error (&r, "--out");
    }
  }
  /* --notes gives the saved project its notes, and needs --save. */
  {
    g_autofree char *noted = g_build_filename (dir, "noted.medaka", NULL);
    g_autoptr(JsonNode) saved = NULL;
    g_auto (Result) r = cli ("run", "-t", "xor", "-g", "1", "-q", "--save", noted,
                             "--notes", "XOR — 排他的論理和", NULL);

    g_assert_cmpint (r.status, ==, 0);
    saved = read_project (noted);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (saved), "notes"), ==,
                     "XOR — 排他的論理和");
  }
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-g", "1", "--notes", "lost", NULL);
    assert_usage_error (&r, "--save");
  }
  /* --steps evolves that many generations now and saves no limit: the
   * project opens paused, free to go on. */
  {
    g_autofree char *stepped = g_build_filename (dir, "stepped.medaka", NULL);
    g_autoptr(JsonNode) saved = NULL;
    JsonObject *state;
    g_auto (Result) r = cli ("run", "-t", "xor", "-g", "50", "--steps", "3", "-q", "--save", stepped, NULL);

    g_assert_cmpint (r.status, ==, 0);
    saved = read_project (stepped);
    state = json_object_get_object_member (json_node_get_object (saved), "state");
    g_assert_cmpint (json_object_get_int_member (state, "generation"), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (state, "experiment"), "stop"),
                                                    "max_generations"), ==, "50");
  }
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "--steps", "-1", NULL);
    assert_usage_error (&r, "--steps");
  }
  /* An existing project is not overwritten without --overwrite. */
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-g", "2", "--save", project, NULL);
    assert_usage_error (&r, "--overwrite");
  }
}

/* The CLI follows LANGUAGE: errors and help come out in Japanese. */
static void
test_japanese (void)
{
  g_setenv ("LANGUAGE", "ja", TRUE);
  {
    g_auto (Result) r = cli ("run", "--task", "nope", NULL);
    assert_usage_error (&r, "nope");
    g_assert_nonnull (strstr (r.err, "タスク"));
  }
  {
    g_auto (Result) r = cli ("params", "--task", "xor", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "タスク"));
  }
  g_unsetenv ("LANGUAGE");
  {
    g_auto (Result) r = cli ("run", "--task", "nope", NULL);
    g_assert_null (strstr (r.err, "タスク"));
  }
}

static void
test_bench_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  g_auto (Result) r = cli ("bench", "xor", "--runs", "3", "-j", "1", "--json", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "runs"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (root, "success_rate"), >=, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (root, "evaluations_per_second"), >, 0.0);
  g_assert_true (json_object_has_member (root, "median_evaluations_to_solve"));
  g_assert_true (json_object_has_member (root, "connections_per_second"));
}

/* The published figures beside a task's: NEAT's for any algorithm, and
 * CMA-ES's (Igel 2003) too when CMA-ES runs; the suggested settings solve
 * the double pole with velocities at once. */
static void
test_bench_published (void)
{
  const char *algorithms[] = { "neat", "cmaes" };

  for (guint a = 0; a < G_N_ELEMENTS (algorithms); a++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root, *neat;
      g_auto (Result) r = cli ("bench", "double-pole", "-a", algorithms[a], "--runs", "1", "-g", "200",
                               "-j", "1", "--json", NULL);

      g_assert_cmpint (r.status, ==, 0);
      g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
      root = json_node_get_object (json_parser_get_root (parser));
      neat = json_object_get_object_member (root, "published");
      g_assert_cmpstr (json_object_get_string_member (neat, "source"), ==, "NEAT 2002");
      g_assert_cmpfloat (json_object_get_double_member (neat, "mean_evaluations_to_solve"), ==, 3600);
      if (a == 0)
        g_assert_false (json_object_has_member (root, "published_algorithm"));
      else
        {
          JsonObject *es = json_object_get_object_member (root, "published_algorithm");

          g_assert_cmpstr (json_object_get_string_member (es, "source"), ==, "Igel 2003");
          g_assert_cmpfloat (json_object_get_double_member (es, "mean_evaluations_to_solve"), ==, 895);
          g_assert_cmpint (json_object_get_int_member (root, "solved"), ==, 1);
        }
    }
}

/* The backprop race: both methods on the same seeds, figures for each;
 * with an easy target every run reaches it in the first generations. */
static void
test_bench_backprop (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  g_auto (Result) r = cli ("bench", "backprop", "--runs", "2", "-g", "3", "-j", "1",
                           "-p", "population_size=12", "-P", "points=100", "--test-accuracy", "0.4",
                           "--json", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "runs"), ==, 2);
  /* The demo's layout: a third of the points for training. */
  g_assert_cmpint (json_object_get_int_member (root, "training_points"), ==, 33);
  g_assert_cmpint (json_object_get_int_member (root, "test_points"), ==, 67);
  g_assert_cmpint (json_object_get_int_member (root, "max_generations"), ==, 3);
  for (guint m = 0; m < 2; m++)
    {
      JsonObject *method = json_object_get_object_member (root, m == 0 ? "backprop-neat" : "neat");

      g_assert_nonnull (method);
      g_assert_cmpint (json_object_get_int_member (method, "reached"), ==, 2);
      g_assert_cmpfloat (json_object_get_double_member (method, "median_generations"), >=, 1.0);
      g_assert_cmpfloat (json_object_get_double_member (method, "median_best_test_accuracy"), >=, 0.4);
    }
  {
    g_auto (Result) bad = cli ("bench", "backprop", "--test-accuracy", "2", NULL);
    assert_usage_error (&bad, "--test-accuracy");
  }
}

/* The project benchmark goes through the real save and load. */
static void
test_bench_project (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  g_auto (Result) r = cli ("bench", "project", "--population", "40", "-g", "4", "--repetitions", "2",
                           "--json", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "population"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (root, "generations"), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (root, "file_mb"), >, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (root, "median_save_ms"), >, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (root, "median_load_ms"), >, 0.0);
}

/* "Backprop more" on a project's champion: the loss falls, the trained
 * genome is written, a bookmark is added; bad input is refused. */
static void
test_backprop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-backprop-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "run.medaka", NULL);
  g_autofree char *cppn = g_build_filename (dir, "cppn.medaka", NULL);
  g_autofree char *genome = g_build_filename (dir, "trained.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *bookmarks;
  double before, after;
  const char *line;

  {
    g_auto (Result) r = cli ("run", "-t", "classify", "-P", "dataset=xor", "-p", "add_node_rate=0.5",
                             "-p", "backprop_steps=5", "-p", "population_size=30", "-g", "4", "-j", "2",
                             "-q", "--save", project, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto (Result) r = cli ("backprop", project, "--steps", "400", "-p", "backprop_batch_size=0",
                             "-p", "backprop_learning_rate=0.05", "-o", genome, "--bookmark", NULL);
    g_assert_cmpint (r.status, ==, 0);
    line = strstr (r.out, "Before: training loss ");
    g_assert_nonnull (line);
    before = g_ascii_strtod (line + strlen ("Before: training loss "), NULL);
    line = strstr (r.out, "After: training loss ");
    g_assert_nonnull (line);
    after = g_ascii_strtod (line + strlen ("After: training loss "), NULL);
    g_assert_cmpfloat (after, <, before);
  }
  g_assert_true (json_parser_load_from_file (parser, genome, NULL));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "format"),
                   ==, "medaka-genome");
  root = read_project (project);
  bookmarks = json_object_get_array_member (json_node_get_object (root), "bookmarks");
  g_assert_cmpuint (json_array_get_length (bookmarks), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (bookmarks, 0), "label"),
                   ==, "Champion after 400 backprop steps");

  {
    g_auto (Result) r = cli ("backprop", project, "-o", genome, NULL);
    assert_usage_error (&r, "--overwrite");
  }
  {
    g_auto (Result) r = cli ("backprop", project, "-p", "add_node_rate=1", NULL);
    assert_usage_error (&r, "add_node_rate");
  }
  {
    g_auto (Result) r = cli ("backprop", project, "--steps", "0", NULL);
    assert_usage_error (&r, "--steps");
  }
  {
    g_auto (Result) r = cli ("backprop", NULL);
    assert_usage_error (&r, NULL);
  }
  {
    g_auto (Result) r = cli ("run", "-t", "cppn", "-g", "1", "-j", "1", "-q", "--save", cppn, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto (Result) r = cli ("backprop", cppn, NULL);
    assert_usage_error (&r, "training data");
  }
}

/* The one row of a --json ES benchmark of @function in 3-D, 2 runs, with
 * the options in @extra (NULL-terminated); @parser keeps it alive. */
static JsonObject *
bench_es_row (JsonParser  *parser,
              const char  *function,
              const char **extra)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *fixed[] = { "bench", "es", "-a", "cmaes", "-p", "sigma=2", "--function", function,
                          "--dimension", "3", "--runs", "2", "--json" };
  JsonArray *rows;
  JsonObject *row;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (args, (gpointer) fixed[i]);
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);
  {
    g_auto (Result) r = cliv ((const char **) args->pdata);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  }
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "function"), ==, function);
  g_assert_cmpint (json_object_get_int_member (row, "dimension"), ==, 3);
  return row;
}

/* The ES benchmark on one BBOB function: one row, every run solved, on
 * the ellipsoid f2 and, with BIPOP restarts, the rotated Rastrigin f15,
 * whose expected running time counts the runs that failed; an unknown
 * function is a usage error that lists the known ones. */
static void
test_bench_es (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *none[] = { NULL };
  const char *bipop[] = { "-p", "restarts=bipop", "-p", "active=false", "--target", "1e-7", NULL };
  JsonObject *row;

  row = bench_es_row (parser, "bbob-f2", none);
  g_assert_cmpint (json_object_get_int_member (row, "solved"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (row, "median_evaluations"), >, 0.0);

  row = bench_es_row (parser, "bbob-f15", bipop);
  g_assert_cmpint (json_object_get_int_member (row, "solved"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (row, "ert"), >=,
                     json_object_get_double_member (row, "min_evaluations"));
  g_assert_cmpfloat (json_object_get_double_member (row, "ert"), <=,
                     json_object_get_double_member (row, "max_evaluations"));
  {
    g_auto (Result) r = cli ("bench", "es", "--function", "bbob-f99", NULL);
    assert_usage_error (&r, "bbob-f99");
    g_assert_nonnull (strstr (r.err, "bbob-f2"));
    g_assert_nonnull (strstr (r.err, "bbob-f15"));
  }
}

/* Every evolution strategy resumes exactly through the CLI too, with
 * another thread count; its history has the algorithm's own columns. */
static void
test_save_resume_es (void)
{
  static const char * const algorithms[] = { "cmaes", "sep-cmaes", "openai-es", "pepg", "ga" };
  g_autofree char *dir = g_dir_make_tmp ("medaka-resume-es-XXXXXX", NULL);

  for (guint a = 0; a < G_N_ELEMENTS (algorithms); a++)
    {
      g_autofree char *project = g_strdup_printf ("%s/%s.medaka", dir, algorithms[a]);
      g_autofree char *out_resumed = g_strdup_printf ("%s/%s-resumed", dir, algorithms[a]);
      g_autofree char *out_straight = g_strdup_printf ("%s/%s-straight", dir, algorithms[a]);
      g_autofree char *h1 = NULL, *h2 = NULL, *c1 = NULL, *c2 = NULL;
      g_auto(GStrv) l1 = NULL, l2 = NULL;

      {
        g_auto (Result) r = cli ("run", "-t", "classify", "-a", algorithms[a], "-g", "6", "--no-stop-on-solved",
                                 "-j", "2", "-q", "--save", project, NULL);
        g_assert_cmpint (r.status, ==, 0);
      }
      {
        g_auto (Result) r = cli ("run", "--resume", project, "-g", "12", "-j", "1", "-q", "-o", out_resumed, NULL);
        g_assert_cmpint (r.status, ==, 0);
      }
      {
        g_auto (Result) r = cli ("run", "-t", "classify", "-a", algorithms[a], "-g", "12", "--no-stop-on-solved",
                                 "-j", "1", "-q", "-o", out_straight, NULL);
        g_assert_cmpint (r.status, ==, 0);
      }
      h1 = read_file (out_resumed, "history.csv");
      h2 = read_file (out_straight, "history.csv");
      l1 = g_strsplit (h1, "\n", -1);
      l2 = g_strsplit (h2, "\n", -1);
      g_assert_cmpuint (g_strv_length (l1), ==, 14);
      g_assert_cmpuint (g_strv_length (l1), ==, g_strv_length (l2));
      g_assert_cmpstr (l1[0], ==, l2[0]);
      g_assert_true (g_str_has_prefix (l1[0], "generation,best,"));
      if (g_str_equal (algorithms[a], "cmaes"))
        g_assert_true (g_str_has_suffix (l1[0], ",solved,phase,sigma,condition,lambda"));
      assert_same_history_rows (l1, l2);
      c1 = read_file (out_resumed, "champion.json");
      c2 = read_file (out_straight, "champion.json");
      g_assert_cmpstr (c1, ==, c2);
    }
}

/* ------------------------------------------------------------------ export */

/* What the project holds, loaded through the core. */
static MdkRun *
load_run (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkProject) project = mdk_project_load (file, &error);
  MdkRun *run;

  g_assert_no_error (error);
  run = mdk_run_state_load (mdk_project_get_state (project), &error);
  g_assert_no_error (error);
  return run;
}

/* history.csv: the header, then one row per generation with the values of
 * the project's history. */
static void
check_history_csv (const char *text,
                   GArray     *rows)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *header = mdk_stats_csv_header (NULL);

  g_assert_cmpstr (lines[0], ==, header);
  g_assert_cmpuint (g_strv_length (lines), ==, rows->len + 2);   /* and the empty last */
  g_assert_cmpstr (lines[rows->len + 1], ==, "");
  for (guint i = 0; i < rows->len; i++)
    {
      const MdkGenerationStats *row = &g_array_index (rows, MdkGenerationStats, i);
      g_auto(GStrv) cells = g_strsplit (lines[i + 1], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 17);
      g_assert_cmpuint (g_ascii_strtoull (cells[0], NULL, 10), ==, row->generation);
      g_assert_cmpfloat (g_ascii_strtod (cells[1], NULL), ==, row->best);
      g_assert_cmpfloat (g_ascii_strtod (cells[2], NULL), ==, row->mean);
      g_assert_cmpuint (g_ascii_strtoull (cells[5], NULL, 10), ==, row->n_species);
      g_assert_cmpuint (g_ascii_strtoull (cells[8], NULL, 10), ==, row->evaluations);
      g_assert_cmpfloat (g_ascii_strtod (cells[13], NULL), ==, row->best_train);
      g_assert_cmpuint (g_ascii_strtoull (cells[15], NULL, 10), ==, row->solved);
      g_assert_cmpstr (cells[16], ==, mdk_search_phase_to_id (row->phase));
    }
}

/* The genome file reads back as the genome itself. */
static void
check_genome_json (GBytes              *bytes,
                   const MdkNeatGenome *g,
                   double               fitness)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkNeatGenome) back = NULL;
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);

  json_parser_load_from_data (parser, text, size, &error);
  g_assert_no_error (error);
  back = mdk_neat_genome_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->id, ==, g->id);
  if (isfinite (fitness))
    {
      g_assert_true (back->fitness_valid);
      g_assert_cmpfloat (back->fitness, ==, fitness);
    }
  g_assert_cmpuint (back->n_nodes, ==, g->n_nodes);
  for (guint i = 0; i < g->n_nodes; i++)
    {
      g_assert_cmpuint (back->nodes[i].id, ==, g->nodes[i].id);
      g_assert_cmpuint (back->nodes[i].activation, ==, g->nodes[i].activation);
      g_assert_cmpfloat (back->nodes[i].bias, ==, g->nodes[i].bias);
    }
  g_assert_cmpuint (back->n_conns, ==, g->n_conns);
  for (guint i = 0; i < g->n_conns; i++)
    {
      g_assert_cmpuint (back->conns[i].innovation, ==, g->conns[i].innovation);
      g_assert_cmpuint (!!back->conns[i].enabled, ==, !!g->conns[i].enabled);
      g_assert_cmpfloat (back->conns[i].weight, ==, g->conns[i].weight);
    }
}

/* Every enabled connection is a solid edge, every disabled one dashed. */
static void
check_dot (const char          *dot,
           const MdkNeatGenome *g)
{
  guint edges = 0;

  g_assert_true (g_str_has_prefix (strstr (dot, "digraph"), "digraph medaka {"));
  for (guint i = 0; i < g->n_conns; i++)
    {
      g_autofree char *edge = g_strdup_printf ("  n%u -> n%u [", g->conns[i].in, g->conns[i].out);
      const char *line = strstr (dot, edge);
      g_autofree char *rest = NULL;

      g_assert_nonnull (line);
      rest = g_strndup (line, strchr (line, '\n') - line);
      g_assert_cmpint (strstr (rest, "style=dashed") == NULL, ==, !!g->conns[i].enabled);
      edges += g->conns[i].enabled;
    }
  g_assert_cmpuint (edges, >, 0);
}

typedef struct
{
  guint  elements;
  char  *width;    /* of the root */
  guint  paths;
  guint  images;
} SvgCount;

static void
on_svg_element (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  SvgCount *count = user_data;

  if (count->elements++ == 0)
    {
      g_assert_cmpstr (element, ==, "svg");
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "width"))
          count->width = g_strdup (values[i]);
    }
  count->paths += g_str_equal (element, "path");
  count->images += g_str_equal (element, "image");
}

/* Well-formed XML with an <svg> root @width wide (NULL: any), drawn in
 * vectors, not as a bitmap. */
static void
check_svg (GBytes     *bytes,
           const char *width)
{
  static const GMarkupParser parser = { on_svg_element, NULL, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  SvgCount count = { 0 };
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);

  context = g_markup_parse_context_new (&parser, G_MARKUP_DEFAULT_FLAGS, &count, NULL);
  g_markup_parse_context_parse (context, text, size, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  if (width != NULL)
    g_assert_cmpstr (count.width, ==, width);
  g_assert_cmpuint (count.paths, >, 10);
  g_assert_cmpuint (count.images, ==, 0);
  g_free (count.width);
}

static void
check_pdf (GBytes *bytes)
{
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (size, >, 1000);
  g_assert_cmpmem (text, 5, "%PDF-", 5);
  g_assert_nonnull (g_strstr_len (text + size - 16, 16, "%%EOF"));
}

/* A PNG of the given size (0: any), not blank: a good part of it is not
 * the white paper. */
static void
check_png (const char *dir,
           const char *name,
           int         width,
           int         height)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  int w, h, stride;
  const guint8 *data;
  guint ink = 0;

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (png);
  h = cairo_image_surface_get_height (png);
  if (width > 0)
    {
      g_assert_cmpint (w, ==, width);
      g_assert_cmpint (h, ==, height);
    }
  data = cairo_image_surface_get_data (png);
  stride = cairo_image_surface_get_stride (png);
  g_assert_cmpuint (*(const guint32 *) data & 0xffffff, ==, 0xffffff);   /* paper */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      ink += (((const guint32 *) (data + (gsize) y * stride))[x] & 0xffffff) != 0xffffff;
  cairo_surface_destroy (png);
  if (ink < (guint) (w * h / 50))
    g_error ("%s is nearly blank: %u of %d pixels drawn", name, ink, w * h);
}

/* The C source compiles on its own, and computes the core's outputs. */
static void
check_c_source (const char          *dir,
                const char          *name,
                const MdkNeatGenome *g)
{
  static const float inputs[][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 }, { 0.25f, -0.5f } };
  g_autofree char *cc = g_find_program_in_path ("cc");
  g_autofree char *main_path = g_build_filename (dir, "main-test.c", NULL);
  g_autofree char *main_source = g_strdup_printf ("#include \"%s\"\n#include <stdio.h>\n"
                                                  "int main (void)\n{\n"
                                                  "  static const float in[][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 }, { 0.25f, -0.5f } };\n"
                                                  "  float out[1];\n  int i;\n"
                                                  "  for (i = 0; i < 5; i++)\n"
                                                  "    {\n      medaka_net (in[i], out);\n"
                                                  "      printf (\"%%.9g\\n\", out[0]);\n    }\n"
                                                  "  return 0;\n}\n", name);
  g_autofree char *exe = g_build_filename (dir, "main-test", NULL);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (cc == NULL)
    {
      g_test_message ("no cc: the C source is not compiled");
      return;
    }
  {
    const char *argv[] = { cc, "-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror", "-c", name,
                           "-o", "net-test.o", NULL };
    g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err,
                                 &status, &error));
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("%s does not compile:\n%s", name, err);
  }
  g_assert_true (g_file_set_contents (main_path, main_source, -1, NULL));
  {
    const char *argv[] = { cc, "-std=c99", "-o", exe, main_path, "-lm", NULL };
    g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                                 &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  {
    const char *argv[] = { exe, NULL };
    g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                                 &status, &error));
  }
  lines = g_strsplit (out, "\n", -1);
  mdk_neat_genome_decode (g, net);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      double in[2] = { inputs[i][0], inputs[i][1] }, expected;

      mdk_network_reset (net);
      mdk_network_activate (net, in, &expected);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (lines[i], NULL), (float) expected, 1e-6);
    }
}

static GHashTable *
lines_set (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_hash_table_add (set, g_path_get_basename (lines[i]));
  return set;
}

/* A project saved by `run --save`, exported whole: every file checked
 * against what the project holds. */
static void
test_export_all (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-export-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "xor.medaka", NULL);
  g_autofree char *out = g_build_filename (dir, "xor-export", NULL);
  g_autoptr(GBytes) before = NULL, after = NULL;
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(GHashTable) listed = NULL;
  MdkEvalResult champion_result;
  const MdkNeatGenome *champion;
  static const char *plots[] = { "fitness", "complexity", "species", "speed", "accuracy" };

  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-s", "5", "-g", "25", "--no-stop-on-solved", "-q",
                             "--save", project, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  before = mdk_test_read_bytes (dir, "xor.medaka");
  {
    /* By default next to the project, every file listed on stdout. */
    g_auto (Result) r = cli ("export", project, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    listed = lines_set (r.out);
  }
  after = mdk_test_read_bytes (dir, "xor.medaka");
  g_assert_true (g_bytes_equal (before, after));

  run = load_run (project);
  champion = mdk_run_get_champion (run, &champion_result, NULL);
  g_assert_nonnull (champion);

  {
    g_autofree char *csv = read_file (out, "history.csv");
    check_history_csv (csv, mdk_run_get_history (run));
    g_assert_cmpuint (mdk_run_get_history (run)->len, ==, 25);
  }
  {
    g_autoptr(GBytes) json = mdk_test_read_bytes (out, "champion.json");
    g_autofree char *dot = read_file (out, "champion.dot");
    g_autoptr(GBytes) svg = mdk_test_read_bytes (out, "champion.svg");
    g_autoptr(GBytes) pdf = mdk_test_read_bytes (out, "champion.pdf");

    check_genome_json (json, champion, champion_result.fitness);
    check_dot (dot, champion);
    check_svg (svg, NULL);
    check_pdf (pdf);
    check_png (out, "champion.png", 0, 0);
    check_c_source (out, "champion.c", champion);
  }
  for (guint i = 0; i < G_N_ELEMENTS (plots); i++)
    {
      g_autofree char *svg_name = g_strconcat (plots[i], ".svg", NULL);
      g_autofree char *pdf_name = g_strconcat (plots[i], ".pdf", NULL);
      g_autofree char *png_name = g_strconcat (plots[i], ".png", NULL);
      g_autofree char *csv_name = g_strconcat (plots[i], ".csv", NULL);
      g_autoptr(GBytes) svg = mdk_test_read_bytes (out, svg_name);
      g_autoptr(GBytes) pdf = mdk_test_read_bytes (out, pdf_name);
      g_autofree char *csv = read_file (out, csv_name);

      check_svg (svg, "1200px");
      check_pdf (pdf);
      check_png (out, png_name, 1200, 800);
      g_assert_true (g_str_has_prefix (csv, "generation,"));
      g_assert_true (g_hash_table_contains (listed, png_name));
    }
  /* 1 history, 6 genome files, 4 formats of each chart. */
  g_assert_cmpuint (g_hash_table_size (listed), ==, 1 + 6 + 4 * G_N_ELEMENTS (plots));
  /* The species chart's data: every generation's species, as saved. */
  {
    g_autofree char *csv = read_file (out, "species.csv");
    g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
    guint expected = 0;

    for (guint g = 0; g < 25; g++)
      {
        guint n;
        mdk_run_get_species_sizes (run, g, &n);
        g_assert_cmpuint (n, >, 0);
        expected += n;
      }
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + expected + 1);
  }

  /* Again: refused, and nothing changed, unless --overwrite. */
  {
    g_autoptr(GBytes) old = mdk_test_read_bytes (out, "fitness.png");
    g_autoptr(GBytes) now = NULL;
    g_auto (Result) r = cli ("export", project, NULL);

    assert_usage_error (&r, "--overwrite");
    now = mdk_test_read_bytes (out, "fitness.png");
    g_assert_true (g_bytes_equal (old, now));
  }
  {
    g_auto (Result) r = cli ("export", project, "--overwrite", "-q", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "");
  }
}

/* --genome, --list-genomes, --only and --formats. */
static void
test_export_choices (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-export-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "p.medaka", NULL);
  g_autofree char *out = g_build_filename (dir, "chosen", NULL);
  g_autoptr(MdkRun) run = NULL;
  g_autoptr(GHashTable) listed = NULL;
  const MdkNeatGenome *member;
  gconstpointer *population;
  g_autofree char *id = NULL;
  g_autofree char *json_name = NULL;

  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-s", "2", "-g", "6", "-q", "--save", project, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  run = load_run (project);
  g_assert_cmpuint (mdk_optimizer_ask (mdk_run_get_optimizer (run), &population), >, 10);
  member = population[10];
  id = g_strdup_printf ("%" G_GUINT64_FORMAT, member->id);

  {
    g_auto (Result) r = cli ("export", project, "--list-genomes", NULL);
    g_autofree char *champion_line = g_strdup_printf ("\n%" G_GUINT64_FORMAT "\t",
                                                      ((const MdkNeatGenome *) mdk_run_get_champion (run, NULL, NULL))->id);
    g_autofree char *member_line = g_strdup_printf ("\n%s\t", id);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, champion_line));
    g_assert_nonnull (strstr (r.out, member_line));
    g_assert_false (g_file_test (g_build_filename (dir, "p-export", NULL), G_FILE_TEST_EXISTS));
  }
  {
    g_auto (Result) r = cli ("export", project, "--genome", id, "--only", "genome", "--formats", "json,dot",
                             "-o", out, NULL);
    g_assert_cmpint (r.status, ==, 0);
    listed = lines_set (r.out);
  }
  json_name = g_strdup_printf ("genome-%s.json", id);
  g_assert_cmpuint (g_hash_table_size (listed), ==, 2);
  g_assert_true (g_hash_table_contains (listed, json_name));
  {
    g_autoptr(GBytes) json = mdk_test_read_bytes (out, json_name);
    g_autofree char *dot_name = g_strdup_printf ("genome-%s.dot", id);
    g_autofree char *dot = read_file (out, dot_name);

    check_genome_json (json, member, NAN);
    check_dot (dot, member);
  }
  g_clear_pointer (&listed, g_hash_table_unref);
  {
    g_auto (Result) r = cli ("export", project, "--only", "history,plots", "--formats", "png", "-o", out, NULL);
    g_assert_cmpint (r.status, ==, 0);
    listed = lines_set (r.out);
  }
  g_assert_true (g_hash_table_contains (listed, "fitness.png"));
  g_assert_false (g_hash_table_contains (listed, "history.csv"));
  g_assert_false (g_hash_table_contains (listed, "fitness.csv"));
  g_assert_false (g_hash_table_contains (listed, "champion.png"));
}

/* The JSON document in @bytes. */
static JsonObject *
parse_object (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);

  json_parser_load_from_data (parser, text, size, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The saved state's optimizer.strategy of a project. */
static JsonObject *
saved_strategy (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkProject) project = mdk_project_load (file, &error);
  JsonObject *state;

  g_assert_no_error (error);
  state = json_node_get_object (mdk_project_get_state (project));
  return json_object_ref (json_object_get_object_member (json_object_get_object_member (state, "optimizer"),
                                                         "strategy"));
}

static guint
count_lines_ending (const char *text,
                    const char *end)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_suffix (lines[i], end);
  return n;
}

/* Evolution strategies: the champion, and the genomes a GA or MAP-Elites
 * keeps (their elites), by id, as their own genome documents with the
 * weights the project holds; an algorithm that keeps only a mean (CMA-ES)
 * has no other genome to name. */
static void
test_export_es_genomes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-export-XXXXXX", NULL);
  g_autofree char *ga = g_build_filename (dir, "ga.medaka", NULL);
  g_autofree char *me = g_build_filename (dir, "me.medaka", NULL);
  g_autofree char *cma = g_build_filename (dir, "cma.medaka", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);

  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-a", "ga", "-s", "3", "-g", "6", "-q", "--save", ga, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_autoptr(JsonObject) strategy = saved_strategy (ga);
    JsonArray *ids = json_object_get_array_member (strategy, "elite_ids");
    JsonArray *elites = json_object_get_array_member (strategy, "elites");
    guint n_elites = json_array_get_length (ids), n_weights = json_array_get_length (elites) / n_elites;
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, json_array_get_int_element (ids, 2));
    g_autofree char *line = g_strdup_printf ("\n%s\t", id);
    g_autofree char *name = g_strdup_printf ("genome-%s.json", id);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(JsonObject) doc = NULL;
    JsonArray *params;

    {
      g_auto (Result) r = cli ("export", ga, "--list-genomes", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, line));
      g_assert_cmpuint (count_lines_ending (r.out, "\telite"), ==, n_elites);
    }
    {
      g_auto (Result) r = cli ("export", ga, "--genome", id, "--only", "genome", "-o", out, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, name));
      g_assert_nonnull (strstr (r.out, ".svg"));
      g_assert_nonnull (strstr (r.out, ".c\n"));
    }
    bytes = mdk_test_read_bytes (out, name);
    doc = parse_object (bytes);
    g_assert_cmpstr (json_object_get_string_member (doc, "kind"), ==, "mlp");
    g_assert_cmpint (json_object_get_int_member (doc, "id"), ==, json_array_get_int_element (ids, 2));
    params = json_object_get_array_member (doc, "parameters");
    g_assert_cmpuint (json_array_get_length (params), ==, n_weights);
    for (guint i = 0; i < n_weights; i++)
      {
        double a, b;

        g_assert_true (mdk_run_state_node_get_double (json_array_get_element (params, i), "", "", &a, NULL));
        g_assert_true (mdk_run_state_node_get_double (json_array_get_element (elites, 2 * n_weights + i),
                                                      "", "", &b, NULL));
        g_assert_cmpfloat (a, ==, b);
      }
  }

  {
    g_auto (Result) r = cli ("run", "-t", "pole", "-P", "steps=500", "-a", "map-elites", "-s", "1", "-g", "3",
                             "-q", "--save", me, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_autoptr(JsonObject) strategy = saved_strategy (me);
    g_auto (Result) r = cli ("export", me, "--list-genomes", NULL);
    g_auto(GStrv) lines = g_strsplit (r.out, "\n", -1);
    g_auto(GStrv) fields = NULL;
    g_autofree char *name = NULL;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpuint (count_lines_ending (r.out, "\telite"), ==, json_object_get_int_member (strategy, "count"));
    g_assert_cmpuint (json_object_get_int_member (strategy, "count"), >, 1);
    /* The header, the champion, then the first elite. */
    fields = g_strsplit (lines[2], "\t", -1);
    g_assert_cmpstr (fields[4], ==, "elite");
    name = g_strdup_printf ("genome-%s.json", fields[0]);
    {
      g_auto (Result) e = cli ("export", me, "-g", fields[0], "--only", "genome", "-f", "json", "-o", out, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonObject) doc = NULL;

      g_assert_cmpint (e.status, ==, 0);
      bytes = mdk_test_read_bytes (out, name);
      doc = parse_object (bytes);
      g_assert_cmpstr (json_object_get_string_member (doc, "kind"), ==, "mlp");
      g_assert_cmpuint (json_object_get_int_member (doc, "id"), ==, g_ascii_strtoull (fields[0], NULL, 10));
    }
  }

  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-a", "cmaes", "-g", "3", "-q", "--save", cma, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto (Result) r = cli ("export", cma, "--list-genomes", NULL);
    g_auto(GStrv) lines = g_strsplit (r.out, "\n", -1);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpuint (g_strv_length (lines), ==, 3);   /* header, champion, "" */
    g_assert_true (g_str_has_suffix (lines[1], "\tchampion"));
  }
  {
    g_auto (Result) r = cli ("export", cma, "--only", "genome", "-f", "json", "-o", out, "--overwrite", NULL);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(JsonObject) doc = NULL;

    g_assert_cmpint (r.status, ==, 0);
    bytes = mdk_test_read_bytes (out, "champion.json");
    doc = parse_object (bytes);
    g_assert_cmpstr (json_object_get_string_member (doc, "kind"), ==, "mlp");
  }
}

/* Bad input: one line naming the problem, status 2, nothing written. */
static void
test_export_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-export-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "p.medaka", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.medaka", NULL);
  g_autofree char *corrupt = g_build_filename (dir, "corrupt.medaka", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.medaka", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);

  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-g", "3", "-q", "--save", project, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto (Result) r = cli ("export", NULL);
    assert_usage_error (&r, "PROJECT");
  }
  {
    g_auto (Result) r = cli ("export", missing, NULL);
    assert_usage_error (&r, "missing.medaka");
  }
  /* Damaged gzip: the byte offset is named. */
  {
    g_autoptr(GBytes) good = mdk_test_read_bytes (dir, "p.medaka");
    gsize size;
    g_autofree guint8 *bad = g_memdup2 (g_bytes_get_data (good, &size), g_bytes_get_size (good));

    for (gsize i = 20; i < size - 8; i += 7)
      bad[i] ^= 0x5a;
    g_assert_true (g_file_set_contents (corrupt, (const char *) bad, size, NULL));
    {
      g_auto (Result) r = cli ("export", corrupt, "-o", out, NULL);
      assert_usage_error (&r, "corrupt.medaka");
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
  }
  {
    g_assert_true (g_file_set_contents (empty, "{\"format\": \"medaka-project\", \"version\": 1}", -1, NULL));
    {
      g_auto (Result) r = cli ("export", empty, NULL);
      assert_usage_error (&r, "empty.medaka");
    }
  }
  {
    g_auto (Result) r = cli ("export", project, "--genome", "987654321", "-o", out, NULL);
    assert_usage_error (&r, "987654321");
    g_assert_nonnull (strstr (r.err, "--list-genomes"));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    g_auto (Result) r = cli ("export", project, "--genome", "best", NULL);
    assert_usage_error (&r, "best");
  }
  {
    g_auto (Result) r = cli ("export", project, "--formats", "png,gif", NULL);
    assert_usage_error (&r, "gif");
  }
  {
    g_auto (Result) r = cli ("export", project, "--only", "history,pictures", NULL);
    assert_usage_error (&r, "pictures");
  }
  {
    g_auto (Result) r = cli ("export", project, "--only", "history", "--formats", "png", NULL);
    assert_usage_error (&r, "Nothing to export");
  }
  {
    g_auto (Result) r = cli ("export", project, project, NULL);
    assert_usage_error (&r, "p.medaka");
  }
  /* A folder that cannot be made, or cannot be written to (as root only
   * /proc refuses new files). */
  {
    g_autofree char *under_file = g_build_filename (project, "out", NULL);
    g_auto (Result) r = cli ("export", project, "-o", under_file, NULL);
    assert_usage_error (&r, under_file);
  }
  {
    g_autofree char *locked = g_build_filename (dir, "locked", NULL);
    const char *target = geteuid () == 0 ? "/proc" : locked;
    g_auto (Result) r = { 0 };

    g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
    r = cli ("export", project, "-o", target, NULL);
    assert_usage_error (&r, target);
    g_assert_nonnull (strstr (r.err, "history.csv"));
  }
  /* The project itself is never overwritten, not even with --overwrite. */
  {
    g_autoptr(GBytes) before = mdk_test_read_bytes (dir, "p.medaka");
    g_autofree char *named = g_build_filename (dir, "history.csv", NULL);
    g_autoptr(GBytes) after = NULL;

    g_assert_true (g_file_set_contents (named, g_bytes_get_data (before, NULL), g_bytes_get_size (before), NULL));
    {
      g_auto (Result) r = cli ("export", named, "-o", dir, "--overwrite", NULL);
      assert_usage_error (&r, "project itself");
    }
    after = mdk_test_read_bytes (dir, "history.csv");
    g_assert_true (g_bytes_equal (before, after));
  }
}

/* summary.json of a run's output folder. */
static JsonObject *
read_summary (const char *dir)
{
  g_autofree char *text = read_file (dir, "summary.json");
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The maze from the build tree: a built-in map by name, a map file; a bad
 * map is one line naming its line; bench maze runs both maps. */
static void
test_maze (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-maze-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *box = g_test_build_filename (G_TEST_DIST, "data", "mazes", "box.txt", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "mazes", "bad-number.txt", NULL);
  g_autofree char *box_arg = g_strdup_printf ("map=%s", box);
  g_autofree char *bad_arg = g_strdup_printf ("map=%s", bad);

  {
    g_auto (Result) r = cli ("run", "-t", "maze", "-P", "map=hard", "-g", "2", "-q", "-o", out, NULL);
    g_autoptr(JsonObject) summary = NULL;

    g_assert_cmpint (r.status, ==, 0);
    summary = read_summary (out);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (summary, "task_params"),
                                                    "map"), ==, "hard");
    /* The task's suggested population. */
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (summary, "algorithm_params"),
                                                    "population_size"), ==, "250");
  }
  {
    g_auto (Result) r = cli ("run", "-t", "maze", "-P", box_arg, "-g", "1", "-q", "-o", out, "--overwrite",
                             NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto (Result) r = cli ("run", "-t", "maze", "-P", bad_arg, "-g", "1", "-o", out, "--overwrite", NULL);
    assert_usage_error (&r, "bad-number.txt: Line 2: expected a number but found “15O”");
  }
  {
    g_auto (Result) r = cli ("run", "-t", "maze", "-P", "map=/nonexistent/maze.txt", "-o", out, "--overwrite",
                             NULL);
    assert_usage_error (&r, "/nonexistent/maze.txt");
  }
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_auto (Result) r = cli ("bench", "maze", "--runs", "1", "--evaluations", "500", "-j", "1", "--json", NULL);
    JsonArray *maps;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
    maps = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (maps), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        JsonObject *m = json_array_get_object_element (maps, i);

        g_assert_cmpstr (json_object_get_string_member (m, "task"), ==, "maze");
        g_assert_cmpstr (json_object_get_string_member (m, "variant"), ==, i == 0 ? "medium" : "hard");
        /* Stopped at the budget: two generations of 250. */
        g_assert_cmpfloat (json_object_get_double_member (m, "evaluations"), ==, 500);
      }
  }
}

/* Novelty search from the command line: -O sets the search objective, its
 * statistics join history.csv, a task without a behaviour or a bad setting
 * is one line; bench novelty runs novelty search, then fitness, on the
 * hard maze. */
static void
test_novelty (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-novelty-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *history = g_build_filename (out, "history.csv", NULL);

  {
    g_auto (Result) r = cli ("run", "-t", "maze", "-O", "objective=novelty", "-O", "novelty_k=5", "-g", "3",
                             "-q", "-o", out, NULL);
    g_autofree char *text = NULL;
    g_autoptr(JsonObject) summary = NULL;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (history, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, ",archive_size,novelty_threshold\n"));
    summary = read_summary (out);
    g_assert_cmpint (json_object_get_int_member (summary, "generations"), ==, 3);
  }
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-O", "objective=mix", "-g", "1", "-o", out, "--overwrite", NULL);
    assert_usage_error (&r, "Novelty search needs a task that describes the behaviour");
  }
  {
    g_auto (Result) r = cli ("run", "-t", "maze", "-O", "objective=curiosity", "-o", out, "--overwrite", NULL);
    assert_usage_error (&r, "objective");
  }
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-a", "map-elites", "-g", "1", "-o", out, "--overwrite", NULL);
    assert_usage_error (&r, "MAP-Elites needs a task");
  }
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_auto (Result) r = cli ("bench", "novelty", "--runs", "1", "--evaluations", "500", "-j", "1", "--json", NULL);
    JsonArray *arms;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
    arms = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (arms), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        JsonObject *arm = json_array_get_object_element (arms, i);

        g_assert_cmpstr (json_object_get_string_member (arm, "task"), ==, "maze");
        g_assert_cmpstr (json_object_get_string_member (arm, "variant"), ==, i == 0 ? "novelty search" : "fitness");
        g_assert_cmpint (json_object_get_int_member (arm, "runs"), ==, 1);
      }
  }
}

/* run --seed-genome: the population starts from the network of a genome or
 * champion file, checked against the task. */
static void
test_seed_genome (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-seed-XXXXXX", NULL);
  g_autofree char *first = g_build_filename (dir, "first", NULL);
  g_autofree char *seeded = g_build_filename (dir, "seeded", NULL);
  g_autofree char *champion = g_build_filename (first, "champion.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(JsonObject) summary = NULL;

  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-s", "3", "-q", "-o", first, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  /* The exact copy of a solving champion solves in the first generation. */
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "-s", "9", "-q", "--seed-genome", champion, "-o", seeded, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  summary = read_summary (seeded);
  g_assert_true (json_object_get_boolean_member (summary, "solved"));
  g_assert_cmpint (json_object_get_int_member (summary, "generation_solved"), ==, 0);

  /* Three inputs against the genome's two; a broken field; broken JSON. */
  {
    g_auto (Result) r = cli ("run", "-t", "classify", "-P", "feature_sin_x=true", "--seed-genome", champion, NULL);
    assert_usage_error (&r, "inputs");
  }
  g_assert_true (g_file_set_contents (bad, "{\"format\": \"medaka-genome\", \"version\": 1, \"kind\": \"neat\", "
                                      "\"inputs\": 2, \"outputs\": 1, \"nodes\": [{\"id\": 0, \"type\": \"input\", "
                                      "\"activation\": \"identity\", \"bias\": \"zero\"}], \"connections\": []}",
                                      -1, NULL));
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "--seed-genome", bad, NULL);
    assert_usage_error (&r, "nodes[0]: “bias”");
  }
  g_assert_true (g_file_set_contents (bad, "{\"format\": \"medaka-genome\",\n \"inputs\": }", -1, NULL));
  {
    g_auto (Result) r = cli ("run", "-t", "xor", "--seed-genome", bad, NULL);
    assert_usage_error (&r, "Line 2");
  }
}

static char *
xor_config_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "neat-python", "xor.ini", NULL);
}

/* import-neat: a neat-python configuration becomes a project that runs;
 * what Medaka cannot take is listed, broken files give the line. */
static void
test_import_neat (void)
{
  g_autofree char *dir = g_dir_make_tmp ("medaka-import-XXXXXX", NULL);
  g_autofree char *config = xor_config_path ();
  g_autofree char *project = g_build_filename (dir, "xor.medaka", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.ini", NULL);
  g_autoptr(JsonObject) summary = NULL;
  g_autoptr(JsonNode) doc = NULL;
  JsonObject *root, *params;

  {
    g_auto (Result) r = cli ("import-neat", config, "--out", project, "-s", "1", "-p", "stagnation_limit=25", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "7 settings are not supported:"));
    g_assert_nonnull (strstr (r.out, "[NEAT] fitness_threshold = 3.9: "));
    g_assert_nonnull (strstr (r.out, "[DefaultReproduction] min_species_size = 2: "));
    g_assert_nonnull (strstr (r.out, "pop_size = 150: population_size = 150"));
  }
  /* The project holds the mapped experiment, the -p override and the
   * report in its notes. */
  doc = read_project (project);
  root = json_node_get_object (doc);
  g_assert_nonnull (strstr (json_object_get_string_member (root, "notes"), "fitness_threshold"));
  params = json_object_get_object_member (json_object_get_object_member (json_object_get_object_member (root, "state"),
                                                                         "experiment"),
                                          "algorithm_params");
  g_assert_cmpstr (json_object_get_string_member (params, "population_size"), ==, "150");
  g_assert_cmpstr (json_object_get_string_member (params, "add_connection_rate"), ==, "0.625");
  g_assert_cmpstr (json_object_get_string_member (params, "stagnation_limit"), ==, "25");

  /* Run as any project: it solves XOR. */
  {
    g_auto (Result) r = cli ("run", project, "-g", "400", "-q", "-o", out, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  summary = read_summary (out);
  g_assert_true (json_object_get_boolean_member (summary, "solved"));

  /* Refusals: an existing project, a task of another shape, broken files. */
  {
    g_auto (Result) r = cli ("import-neat", config, "--out", project, NULL);
    assert_usage_error (&r, "--overwrite");
  }
  {
    g_auto (Result) r = cli ("import-neat", config, NULL);
    assert_usage_error (&r, "--out");
  }
  {
    g_auto (Result) r = cli ("import-neat", config, "--task", "classify", "-P", "feature_sin_x=true",
                             "--out", bad, NULL);
    assert_usage_error (&r, "num_inputs = 2");
    g_assert_nonnull (strstr (r.err, "Line 14"));
  }
  g_assert_true (g_file_set_contents (bad, "[NEAT]\npop_size = 150\n[DefaultGenome]\nactivation_default = swish\n"
                                      "[DefaultSpeciesSet]\n[DefaultStagnation]\n[DefaultReproduction]\n", -1, NULL));
  {
    g_autofree char *target = g_build_filename (dir, "never.medaka", NULL);
    g_auto (Result) r = cli ("import-neat", bad, "--out", target, NULL);
    assert_usage_error (&r, "bad.ini: Line 4: unknown activation function “swish”");
    g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  }
  g_assert_true (g_file_set_contents (bad, "[NEAT]\npop_size = 150\n", -1, NULL));
  {
    g_auto (Result) r = cli ("import-neat", bad, "--out", project, "--overwrite", NULL);
    assert_usage_error (&r, "Line 2: the file ends without a [DefaultGenome] section");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/run-outputs", test_run_outputs);
  g_test_add_func ("/cli/csv-errors", test_csv_errors);
  g_test_add_func ("/cli/maze", test_maze);
  g_test_add_func ("/cli/novelty", test_novelty);
  g_test_add_func ("/cli/bench-json", test_bench_json);
  g_test_add_func ("/cli/bench-published", test_bench_published);
  g_test_add_func ("/cli/bench-project", test_bench_project);
  g_test_add_func ("/cli/bench-backprop", test_bench_backprop);
  g_test_add_func ("/cli/bench-es", test_bench_es);
  g_test_add_func ("/cli/japanese", test_japanese);
  g_test_add_func ("/cli/save-resume", test_save_resume);
  g_test_add_func ("/cli/backprop", test_backprop);
  g_test_add_func ("/cli/save-resume-es", test_save_resume_es);
  g_test_add_func ("/cli/export/all", test_export_all);
  g_test_add_func ("/cli/export/choices", test_export_choices);
  g_test_add_func ("/cli/export/errors", test_export_errors);
  g_test_add_func ("/cli/export/es-genomes", test_export_es_genomes);
  g_test_add_func ("/cli/seed-genome", test_seed_genome);
  g_test_add_func ("/cli/import-neat", test_import_neat);
  return g_test_run ();
}
