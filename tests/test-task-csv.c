/* Tests of the CSV task: parsing, column selection, the split, scaling,
 * fitness on hand-built networks, every error message, and a fuzz loop.
 *
 * Data files are in tests/data/csv/; the error cases write their own small
 * files to the temporary directory. */
#define G_LOG_DOMAIN "medaka-test"

#include "config.h"

#include "mdk-task-csv.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

/* ---------------------------------------------------------------------------
 * Helpers
 */

static MdkTask *
load_path_va (const char  *path,
              GError     **error,
              va_list      ap)
{
  const MdkTaskClass *klass = &mdk_task_csv_class;
  gpointer params = mdk_task_params_new (klass);
  const char *key;
  MdkTask *task;

  g_assert_true (mdk_param_set_from_string (mdk_param_table_lookup (klass->params,
                                                                    klass->n_params,
                                                                    "path"),
                                            params, path, NULL));
  while ((key = va_arg (ap, const char *)) != NULL)
    {
      const char *value = va_arg (ap, const char *);
      const MdkParamSpec *spec = mdk_param_table_lookup (klass->params, klass->n_params, key);
      g_autoptr(GError) local = NULL;

      g_assert_nonnull (spec);
      mdk_param_set_from_string (spec, params, value, &local);
      g_assert_no_error (local);
    }

  task = mdk_task_new (klass, params, error);
  mdk_task_params_free (klass, params);
  return task;
}

/* Loads a file with "key", "value" parameter pairs, NULL-terminated. */
static MdkTask *
load_path (const char  *path,
           GError     **error,
           ...)
{
  MdkTask *task;
  va_list ap;

  va_start (ap, error);
  task = load_path_va (path, error, ap);
  va_end (ap);
  return task;
}

/* Loads one of the files in tests/data/csv/, which must load. */
static MdkTask *
load_data (const char *name,
           ...)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  g_autoptr(GError) error = NULL;
  MdkTask *task;
  va_list ap;

  va_start (ap, name);
  task = load_path_va (path, &error, ap);
  va_end (ap);
  g_assert_no_error (error);
  g_assert_nonnull (task);
  return task;
}

static char *
write_temp (const char *data,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("medaka-csv-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static MdkTask *
load_text (const char  *text,
           GError     **error,
           ...)
{
  g_autofree char *path = write_temp (text, -1);
  MdkTask *task;
  va_list ap;

  va_start (ap, error);
  task = load_path_va (path, error, ap);
  va_end (ap);
  g_unlink (path);
  return task;
}

/* Loads @text, which must fail with MDK_TASK_ERROR_DATA; returns the message. */
static char *
load_error_len (const char *text,
                gssize      len,
                ...)
{
  g_autofree char *path = write_temp (text, len);
  g_autoptr(GError) error = NULL;
  MdkTask *task;
  va_list ap;

  va_start (ap, len);
  task = load_path_va (path, &error, ap);
  va_end (ap);
  g_unlink (path);

  g_assert_null (task);
  g_assert_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("%s", error->message);
  return g_strdup (error->message);
}

#define load_error(text, ...) load_error_len ((text), -1, __VA_ARGS__)

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *h_ = (haystack); \
    const char *n_ = (needle); \
    if (strstr (h_, n_) == NULL) \
      g_error ("“%s” does not contain “%s”", h_, n_); \
  } G_STMT_END

static guint
n_rows (const MdkTask *task)
{
  return mdk_task_csv_get_rows (task, FALSE, NULL, NULL) +
         mdk_task_csv_get_rows (task, TRUE, NULL, NULL);
}

/* A network whose outputs are constants: no connections, identity outputs
 * with the given biases. */
static MdkNetwork *
constant_network (const MdkTask *task,
                  const double  *values)
{
  MdkNetwork *net = mdk_network_new ();
  guint first = task->n_inputs + 1;

  mdk_network_begin (net, task->n_inputs, task->n_outputs, first + task->n_outputs);
  for (guint k = 0; k < task->n_outputs; k++)
    mdk_network_set_node (net, first + k, MDK_ACTIVATION_IDENTITY, values[k]);
  mdk_network_compile (net);
  return net;
}

static void
evaluate (const MdkTask *task,
          MdkNetwork    *net,
          MdkEvalResult *result)
{
  MdkRng rng;

  mdk_rng_init (&rng, 1);
  mdk_task_evaluate (task, net, &rng, result);
}

/* ---------------------------------------------------------------------------
 * Parameters
 */

static void
test_params_defaults (void)
{
  const MdkTaskClass *klass = &mdk_task_csv_class;
  static const char * const ids[] = {
    "path", "label_column", "header", "problem", "feature_columns", "delimiter",
    "train_fraction", "split_seed", "standardize", "fitness", "solve_accuracy",
    "solve_mse",
  };
  gpointer params;

  g_assert_true (mdk_task_class_lookup ("csv") == klass);
  g_assert_cmpstr (klass->id, ==, "csv");
  g_assert_true (klass->description != NULL && strlen (klass->description) > 100);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const MdkParamSpec *spec = mdk_param_table_lookup (klass->params, klass->n_params, ids[i]);
      g_assert_nonnull (spec);
      g_assert_nonnull (spec->label);
      g_assert_nonnull (spec->group);
      g_assert_nonnull (spec->help);
    }

  params = mdk_task_params_new (klass);
  g_assert_true (mdk_param_table_validate (klass->params, klass->n_params, params, NULL));
#define CHECK(id, expected) \
  { \
    g_autofree char *s_ = mdk_param_to_string (mdk_param_table_lookup (klass->params, \
                                                                       klass->n_params, id), \
                                               params); \
    g_assert_cmpstr (s_, ==, expected); \
  }
  CHECK ("path", "");
  CHECK ("label_column", "");
  CHECK ("header", "auto");
  CHECK ("problem", "classification");
  CHECK ("delimiter", "auto");
  CHECK ("standardize", "true");
  CHECK ("fitness", "accuracy");
#undef CHECK
#define CHECK_NUMBER(id, expected) \
  g_assert_cmpfloat (mdk_param_get_number (mdk_param_table_lookup (klass->params, \
                                                                   klass->n_params, id), \
                                           params), ==, expected)
  CHECK_NUMBER ("train_fraction", 0.8);
  CHECK_NUMBER ("solve_accuracy", 1.0);
  CHECK_NUMBER ("solve_mse", 0.01);
#undef CHECK_NUMBER
  mdk_task_params_free (klass, params);
}

/* ---------------------------------------------------------------------------
 * Parsing
 */

static void
test_parse_header_auto (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkTask) task = NULL;

  /* All numbers: no header, inputs named by column number. */
  task = load_text ("1,2,3\n4,5,6\n", &error, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows (task), ==, 2);
  g_assert_cmpstr (task->input_names[0], ==, "col1");
  g_assert_cmpstr (task->input_names[1], ==, "col2");
  g_clear_pointer (&task, mdk_task_unref);

  /* Text in a feature column: a header. */
  task = load_text ("a,b,c\n1,2,x\n3,4,y\n", &error, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows (task), ==, 2);
  g_assert_cmpstr (task->input_names[0], ==, "a");
  g_assert_cmpstr (task->input_names[1], ==, "b");
  g_clear_pointer (&task, mdk_task_unref);

  /* Text only in the label column: labels may be text, so this is data. */
  task = load_text ("1,2,species\n3,4,x\n5,6,species\n", &error, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows (task), ==, 3);
  g_clear_pointer (&task, mdk_task_unref);

  /* Only the listed feature columns count. */
  task = load_text ("1,name,2,c\n3,x,4,p\n5,y,6,q\n", &error,
                    "feature_columns", "1, 3", NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows (task), ==, 3);
  g_clear_pointer (&task, mdk_task_unref);

  /* A column given by name needs a header, even one of numbers. */
  task = load_text ("1,2,y\n3,4,p\n5,6,q\n", &error, "label_column", "y", NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows (task), ==, 2);
  g_assert_cmpstr (task->input_names[0], ==, "1");
  g_clear_pointer (&task, mdk_task_unref);
}

static void
test_parse_header_explicit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkTask) task = NULL;

  task = load_text ("1,2,3\n4,5,x\n6,7,y\n", &error, "header", "yes", NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows (task), ==, 2);
  g_assert_cmpstr (task->input_names[0], ==, "1");
  g_clear_pointer (&task, mdk_task_unref);

  task = load_text ("a,b,c\n1,2,x\n3,4,y\n", &error, "header", "no", "problem",
                    "classification", NULL);
  g_assert_null (task);
  g_assert_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA);
  assert_contains (error->message, "Line 1, column 1: expected a number but found “a”");
}

static void
test_parse_quoted_crlf (void)
{
  g_autoptr(MdkTask) task = load_data ("quoted-crlf.csv",
                                       "train_fraction", "1.0",
                                       "standardize", "false", NULL);
  static const double expected_x[] = { 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0 };
  static const double expected_y[] = { 0, 1, 0, 2 };
  const char * const *classes;
  const double *x, *y;
  guint n_classes;

  g_assert_cmpuint (task->n_inputs, ==, 2);
  g_assert_cmpstr (task->input_names[0], ==, "width");
  g_assert_cmpstr (task->input_names[1], ==, "height (cm)");

  classes = mdk_task_csv_get_class_names (task, &n_classes);
  g_assert_cmpuint (n_classes, ==, 3);
  g_assert_cmpstr (classes[0], ==, "round, small");
  g_assert_cmpstr (classes[1], ==, "the \"big\" one");
  g_assert_cmpstr (classes[2], ==, "two\nlines");
  g_assert_null (classes[3]);
  g_assert_cmpuint (task->n_outputs, ==, 3);
  g_assert_cmpstr (task->output_names[1], ==, "the \"big\" one");

  g_assert_cmpuint (mdk_task_csv_get_rows (task, FALSE, &x, &y), ==, 4);
  g_assert_cmpuint (mdk_task_csv_get_rows (task, TRUE, NULL, NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected_x); i++)
    g_assert_cmpfloat (x[i], ==, expected_x[i]);
  for (guint i = 0; i < G_N_ELEMENTS (expected_y); i++)
    g_assert_cmpfloat (y[i], ==, expected_y[i]);
}

/* Line numbers count the lines inside quoted fields and every kind of line
 * end. */
static void
test_parse_line_numbers (void)
{
  g_autofree char *msg = NULL;

  msg = load_error ("a,b,c\n1,2,\"x\ny\"\n3,zz,w\n", NULL);
  assert_contains (msg, "Line 4, column 2 (“b”): expected a number but found “zz”");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("a,b,c\r\n\r\n1,2,x\r\n3,4,\"p\r\nq\"\r\n5,?,x\r\n", NULL);
  assert_contains (msg, "Line 6, column 2 (“b”)");
  g_clear_pointer (&msg, g_free);

  /* Old Mac line ends. */
  msg = load_error ("a,b,c\r1,2,x\r3,?,y\r", NULL);
  assert_contains (msg, "Line 3, column 2 (“b”)");
}

static void
test_parse_delimiters (void)
{
  g_autoptr(MdkTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const double *x;
  guint n_classes;

  /* Semicolons, no header, numeric labels: 1 and 1.0 are one class. */
  task = load_data ("noheader-semicolon.csv", "train_fraction", "1.0",
                    "standardize", "false", NULL);
  g_assert_cmpuint (task->n_inputs, ==, 2);
  g_assert_cmpuint (n_rows (task), ==, 4);
  mdk_task_csv_get_class_names (task, &n_classes);
  g_assert_cmpuint (n_classes, ==, 2);
  g_assert_cmpstr (mdk_task_csv_get_class_names (task, NULL)[0], ==, "1");
  g_assert_cmpstr (task->output_names[0], ==, "p(2)");
  mdk_task_csv_get_rows (task, FALSE, &x, NULL);
  g_assert_cmpfloat (x[2], ==, 0.3);
  g_clear_pointer (&task, mdk_task_unref);

  /* Forcing the wrong delimiter gives one column. */
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv",
                                                 "noheader-semicolon.csv", NULL);
  task = load_path (path, &error, "delimiter", "comma", NULL);
  g_assert_null (task);
  g_assert_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA);
  assert_contains (error->message, "only one column");
  g_clear_error (&error);

  task = load_data ("noheader-semicolon.csv", "delimiter", "semicolon", NULL);
  g_clear_pointer (&task, mdk_task_unref);

  task = load_data ("tabs.tsv", NULL);
  g_assert_cmpuint (task->n_inputs, ==, 2);
  g_assert_cmpstr (task->input_names[1], ==, "b");
  g_assert_cmpuint (n_rows (task), ==, 3);
  g_clear_pointer (&task, mdk_task_unref);

  task = load_data ("tabs.tsv", "delimiter", "tab", NULL);
  g_assert_cmpuint (task->n_inputs, ==, 2);
  g_clear_pointer (&task, mdk_task_unref);

  /* Decimal commas in a semicolon file: the semicolons still win. */
  task = load_text ("a;b;c\n1,5;2;x\n2,5;3;y\n", &error, "feature_columns", "b", NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (task->n_inputs, ==, 1);
}

static void
test_parse_whitespace_blank_bom (void)
{
  g_autoptr(MdkTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const double *x, *y;

  task = load_text ("\xEF\xBB\xBF\n\n  a , b ,label\n\n 1 ,\t2\t, x \n   \n3,4,y\n\n\n", &error,
                    "train_fraction", "1", "standardize", "false", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (task->input_names[0], ==, "a");
  g_assert_cmpstr (task->input_names[1], ==, "b");
  g_assert_cmpuint (mdk_task_csv_get_rows (task, FALSE, &x, &y), ==, 2);
  g_assert_cmpfloat (x[0], ==, 1.0);
  g_assert_cmpfloat (x[1], ==, 2.0);
  g_assert_cmpfloat (x[3], ==, 4.0);
  g_assert_cmpstr (mdk_task_csv_get_class_names (task, NULL)[0], ==, "x");
  g_clear_pointer (&task, mdk_task_unref);

  /* No trailing newline. */
  task = load_text ("a,b,label\n1,2,x\n3,4,y", &error, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows (task), ==, 2);
}

/* ---------------------------------------------------------------------------
 * Columns
 */

static void
test_columns_label (void)
{
  g_autoptr(MdkTask) by_name = load_data ("binary.csv", "label_column", "label",
                                          "train_fraction", "1", "standardize", "false",
                                          NULL);
  g_autoptr(MdkTask) by_index = load_data ("binary.csv", "label_column", " 1 ",
                                           "train_fraction", "1", "standardize", "false",
                                           NULL);
  g_autoptr(MdkTask) last = load_data ("iris-small.csv", NULL);
  const double *x1, *x2, *y1, *y2;
  guint n1, n2;

  n1 = mdk_task_csv_get_rows (by_name, FALSE, &x1, &y1);
  n2 = mdk_task_csv_get_rows (by_index, FALSE, &x2, &y2);
  g_assert_cmpuint (n1, ==, 8);
  g_assert_cmpuint (n2, ==, 8);
  g_assert_cmpmem (x1, 16 * sizeof (double), x2, 16 * sizeof (double));
  g_assert_cmpmem (y1, 8 * sizeof (double), y2, 8 * sizeof (double));
  g_assert_cmpuint (by_name->n_inputs, ==, 2);
  g_assert_cmpstr (by_name->input_names[0], ==, "x");
  g_assert_cmpstr (by_name->input_names[1], ==, "noise");
  g_assert_cmpfloat (x1[0], ==, -2.0);
  g_assert_cmpfloat (y1[0], ==, 0.0);
  g_assert_cmpfloat (y1[1], ==, 1.0);

  /* Empty means the last column. */
  g_assert_cmpuint (last->n_inputs, ==, 4);
  g_assert_cmpuint (last->n_outputs, ==, 3);
  g_assert_cmpstr (last->output_names[0], ==, "setosa");
  g_assert_cmpstr (last->output_names[2], ==, "virginica");
  g_assert_false (mdk_task_csv_is_regression (last));
}

static void
test_columns_features (void)
{
  g_autoptr(MdkTask) task = load_data ("iris-small.csv",
                                       "feature_columns", "4, petal_length",
                                       "train_fraction", "1", "standardize", "false", NULL);
  g_autoptr(MdkTask) petals = NULL;
  const double *x;

  g_assert_cmpuint (task->n_inputs, ==, 2);
  g_assert_cmpstr (task->input_names[0], ==, "petal_width");
  g_assert_cmpstr (task->input_names[1], ==, "petal_length");
  mdk_task_csv_get_rows (task, FALSE, &x, NULL);
  g_assert_cmpfloat (x[0], ==, 0.2);
  g_assert_cmpfloat (x[1], ==, 1.4);

  /* A label in the middle; features given around it, empty entries ignored. */
  petals = load_data ("iris-small.csv", "label_column", "sepal_width",
                      "feature_columns", ",sepal_length,,petal_width,", "problem", "regression",
                      NULL);
  g_assert_true (mdk_task_csv_is_regression (petals));
  g_assert_cmpuint (petals->n_inputs, ==, 2);
  g_assert_cmpstr (petals->input_names[1], ==, "petal_width");
  g_assert_cmpstr (petals->output_names[0], ==, "sepal_width");
}

/* ---------------------------------------------------------------------------
 * Classes and regression
 */

static void
test_classes_two (void)
{
  g_autoptr(MdkTask) task = load_data ("binary.csv", "label_column", "label", NULL);
  const char * const *names;
  guint n;
  double out;

  names = mdk_task_csv_get_class_names (task, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (names[0], ==, "ham");
  g_assert_cmpstr (names[1], ==, "spam");
  g_assert_cmpuint (task->n_outputs, ==, 1);
  g_assert_cmpstr (task->output_names[0], ==, "p(spam)");

  out = 0.5;
  g_assert_cmpfloat (mdk_task_csv_decode (task, &out), ==, 1.0);
  out = 0.49;
  g_assert_cmpfloat (mdk_task_csv_decode (task, &out), ==, 0.0);
  out = NAN;
  g_assert_true (isnan (mdk_task_csv_decode (task, &out)));
}

static void
test_classes_three (void)
{
  g_autoptr(MdkTask) task = load_data ("iris-small.csv", "train_fraction", "1", NULL);
  const double *y;
  double out[3] = { 0.2, 0.1, 0.9 };
  guint counts[3] = { 0 };
  guint n;

  g_assert_cmpuint (task->n_outputs, ==, 3);
  n = mdk_task_csv_get_rows (task, FALSE, NULL, &y);
  g_assert_cmpuint (n, ==, 15);
  for (guint i = 0; i < n; i++)
    counts[(guint) y[i]]++;
  g_assert_cmpuint (counts[0], ==, 5);
  g_assert_cmpuint (counts[1], ==, 5);
  g_assert_cmpuint (counts[2], ==, 5);
  g_assert_cmpfloat (mdk_task_csv_decode (task, out), ==, 2.0);
  /* Ties go to the first class. */
  out[0] = out[2];
  g_assert_cmpfloat (mdk_task_csv_decode (task, out), ==, 0.0);
  out[1] = NAN;
  g_assert_true (isnan (mdk_task_csv_decode (task, out)));
}

static void
test_regression_basic (void)
{
  g_autoptr(MdkTask) task = load_data ("regression.csv", "problem", "regression",
                                       "train_fraction", "1", "standardize", "false", NULL);
  const double *x, *y;
  double out;
  guint n;

  g_assert_true (mdk_task_csv_is_regression (task));
  g_assert_null (mdk_task_csv_get_class_names (task, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (task->n_inputs, ==, 2);
  g_assert_cmpuint (task->n_outputs, ==, 1);
  g_assert_cmpstr (task->output_names[0], ==, "y");

  n = mdk_task_csv_get_rows (task, FALSE, &x, &y);
  g_assert_cmpuint (n, ==, 10);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (x[2 * i], ==, i);
      g_assert_cmpfloat (x[2 * i + 1], ==, 5.0);
      g_assert_cmpfloat (y[i], ==, 10.0 + 2.0 * i);
    }

  /* The training range 10 … 28 is 0 … 1 at the output. */
  out = 0.0;
  g_assert_cmpfloat_with_epsilon (mdk_task_csv_decode (task, &out), 10.0, 1e-12);
  out = 1.0;
  g_assert_cmpfloat_with_epsilon (mdk_task_csv_decode (task, &out), 28.0, 1e-12);
  out = 0.5;
  g_assert_cmpfloat_with_epsilon (mdk_task_csv_decode (task, &out), 19.0, 1e-12);
}

/* Gradient training sees the training rows with the targets the outputs
 * should read: the rescaled label, the probability of the second class, or
 * one-hot over more. */
static void
test_training_data (void)
{
  g_autoptr(MdkTask) regression = load_data ("regression.csv", "problem", "regression",
                                             "train_fraction", "1", "standardize", "false", NULL);
  g_autoptr(MdkTask) binary = load_data ("binary.csv", "label_column", "label", NULL);
  g_autoptr(MdkTask) three = load_data ("iris-small.csv", "train_fraction", "0.6", NULL);
  const double *x, *y;
  MdkTrainingData data;
  guint n;

  g_assert_true (mdk_task_get_training_data (regression, &data));
  g_assert_cmpint (data.loss, ==, MDK_LOSS_SQUARED_ERROR);
  n = mdk_task_csv_get_rows (regression, FALSE, &x, &y);
  g_assert_cmpuint (data.n_rows, ==, n);
  g_assert_cmpuint (data.n_inputs, ==, 2);
  g_assert_cmpuint (data.n_outputs, ==, 1);
  g_assert_true (data.inputs == x);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (data.targets[i], (y[i] - 10.0) / 18.0, 1e-12);

  g_assert_true (mdk_task_get_training_data (binary, &data));
  g_assert_cmpint (data.loss, ==, MDK_LOSS_CROSS_ENTROPY);
  n = mdk_task_csv_get_rows (binary, FALSE, &x, &y);
  g_assert_cmpuint (data.n_rows, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (data.targets[i], ==, y[i]);

  g_assert_true (mdk_task_get_training_data (three, &data));
  n = mdk_task_csv_get_rows (three, FALSE, &x, &y);
  g_assert_cmpuint (data.n_rows, ==, n);
  g_assert_cmpuint (data.n_outputs, ==, 3);
  g_assert_true (data.inputs == x);
  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < 3; k++)
      g_assert_cmpfloat (data.targets[3 * i + k], ==, k == (guint) y[i] ? 1.0 : 0.0);
}

/* ---------------------------------------------------------------------------
 * Preprocessing and the split
 */

static void
test_standardize (void)
{
  g_autoptr(MdkTask) task = load_data ("iris-small.csv", "train_fraction", "0.6", NULL);
  g_autoptr(MdkTask) reg = load_data ("regression.csv", "problem", "regression", NULL);
  const double *x;
  guint n, nf = task->n_inputs;

  n = mdk_task_csv_get_rows (task, FALSE, &x, NULL);
  g_assert_cmpuint (n, ==, 9);
  for (guint f = 0; f < nf; f++)
    {
      double mean = 0.0, var = 0.0;

      for (guint r = 0; r < n; r++)
        mean += x[r * nf + f];
      mean /= n;
      for (guint r = 0; r < n; r++)
        var += (x[r * nf + f] - mean) * (x[r * nf + f] - mean);
      g_assert_cmpfloat_with_epsilon (mean, 0.0, 1e-12);
      g_assert_cmpfloat_with_epsilon (var / n, 1.0, 1e-12);
    }

  /* A constant column becomes 0, in the test rows too. */
  n = mdk_task_csv_get_rows (reg, FALSE, &x, NULL);
  for (guint r = 0; r < n; r++)
    g_assert_cmpfloat (x[r * 2 + 1], ==, 0.0);
  n = mdk_task_csv_get_rows (reg, TRUE, &x, NULL);
  g_assert_cmpuint (n, ==, 2);
  for (guint r = 0; r < n; r++)
    g_assert_cmpfloat (x[r * 2 + 1], ==, 0.0);
}

static void
test_split_reproducible (void)
{
  g_autoptr(MdkTask) a = load_data ("iris-small.csv", "split_seed", "7", NULL);
  g_autoptr(MdkTask) b = load_data ("iris-small.csv", "split_seed", "7", NULL);
  g_autoptr(MdkTask) c = load_data ("iris-small.csv", "split_seed", "8", NULL);
  g_autoptr(MdkTask) all = load_data ("iris-small.csv", "train_fraction", "1", NULL);
  g_autoptr(MdkNetwork) net = NULL;
  const double out[3] = { 0.1, 0.8, 0.3 };
  const double *xa, *xb, *xc, *ya, *yb, *yc;
  MdkEvalResult result;
  guint n;

  n = mdk_task_csv_get_rows (a, FALSE, &xa, &ya);
  g_assert_cmpuint (n, ==, 12);
  g_assert_cmpuint (mdk_task_csv_get_rows (a, TRUE, NULL, NULL), ==, 3);
  g_assert_cmpuint (mdk_task_csv_get_rows (b, FALSE, &xb, &yb), ==, 12);
  g_assert_cmpmem (xa, n * 4 * sizeof (double), xb, n * 4 * sizeof (double));
  g_assert_cmpmem (ya, n * sizeof (double), yb, n * sizeof (double));

  mdk_task_csv_get_rows (a, TRUE, &xa, &ya);
  mdk_task_csv_get_rows (c, TRUE, &xc, &yc);
  g_assert_true (memcmp (xa, xc, 3 * 4 * sizeof (double)) != 0);

  /* Everything for training: no test metric. */
  g_assert_cmpuint (mdk_task_csv_get_rows (all, TRUE, NULL, NULL), ==, 0);
  net = constant_network (all, out);
  evaluate (all, net, &result);
  g_assert_true (isnan (result.test_metric));
  g_assert_false (isnan (result.train_metric));
}

/* ---------------------------------------------------------------------------
 * Fitness
 */

static void
test_fitness_binary_constant (void)
{
  g_autoptr(MdkTask) acc = load_data ("binary.csv", "label_column", "label",
                                      "train_fraction", "1", NULL);
  g_autoptr(MdkTask) ll = load_data ("binary.csv", "label_column", "label",
                                     "train_fraction", "1", "fitness", "log-loss", NULL);
  g_autoptr(MdkNetwork) net = NULL;
  const double p = 0.7;
  double expected;
  MdkEvalResult result;

  /* Always "spam" with probability 0.7; half the rows are spam. */
  net = constant_network (acc, &p);
  evaluate (acc, net, &result);
  g_assert_cmpfloat_with_epsilon (result.fitness, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.train_metric, 0.5, 1e-12);
  g_assert_true (isnan (result.test_metric));
  g_assert_false (result.solved);

  evaluate (ll, net, &result);
  expected = 1.0 / (1.0 + (-log (0.7) - log (0.3)) / 2.0);
  g_assert_cmpfloat_with_epsilon (result.fitness, expected, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.train_metric, 0.5, 1e-12);
}

static void
test_fitness_binary_perfect (void)
{
  /* Standardised with all rows, the mean is −0.125 and no |x| is below 0.5,
   * so x keeps its sign; with a split the training mean could flip it. */
  static const char * const settings[][2] = { { "false", "0.8" }, { "true", "1" } };

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autoptr(MdkTask) task = load_data ("binary.csv", "label_column", "label",
                                           "feature_columns", "x",
                                           "standardize", settings[i][0],
                                           "train_fraction", settings[i][1], NULL);
      g_autoptr(MdkNetwork) net = mdk_network_new ();
      MdkEvalResult result;

      /* spam exactly when x > 0 */
      mdk_network_begin (net, 1, 1, 3);
      mdk_network_set_node (net, 2, MDK_ACTIVATION_STEP, 0.0);
      mdk_network_add_connection (net, 0, 2, 1.0);
      mdk_network_compile (net);
      evaluate (task, net, &result);
      g_assert_cmpfloat (result.fitness, ==, 1.0);
      g_assert_cmpfloat (result.train_metric, ==, 1.0);
      if (mdk_task_csv_get_rows (task, TRUE, NULL, NULL) > 0)
        g_assert_cmpfloat (result.test_metric, ==, 1.0);
      else
        g_assert_true (isnan (result.test_metric));
      g_assert_true (result.solved);
    }
}

static void
test_fitness_multiclass_constant (void)
{
  g_autoptr(MdkTask) acc = load_data ("iris-small.csv", "train_fraction", "1", NULL);
  g_autoptr(MdkTask) ll = load_data ("iris-small.csv", "train_fraction", "1",
                                     "fitness", "log-loss", "solve_accuracy", "0.3", NULL);
  g_autoptr(MdkNetwork) net = NULL;
  const double out[3] = { 0.1, 0.8, 0.3 };
  double log_sum, expected;
  MdkEvalResult result;

  /* Always "versicolor", one row in three. */
  net = constant_network (acc, out);
  evaluate (acc, net, &result);
  g_assert_cmpfloat_with_epsilon (result.fitness, 1.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (result.train_metric, 1.0 / 3.0, 1e-12);
  g_assert_false (result.solved);

  /* Softmax cross-entropy, each class five times. */
  log_sum = log (exp (0.1) + exp (0.8) + exp (0.3));
  expected = 1.0 / (1.0 + log_sum - (0.1 + 0.8 + 0.3) / 3.0);
  evaluate (ll, net, &result);
  g_assert_cmpfloat_with_epsilon (result.fitness, expected, 1e-12);
  g_assert_true (result.solved);
}

static void
test_fitness_nan_outputs (void)
{
  g_autoptr(MdkTask) bin = load_data ("binary.csv", "label_column", "label",
                                      "fitness", "log-loss", NULL);
  g_autoptr(MdkTask) iris = load_data ("iris-small.csv", "fitness", "log-loss", NULL);
  g_autoptr(MdkTask) reg = load_data ("regression.csv", "problem", "regression", NULL);
  g_autoptr(MdkNetwork) net = NULL;
  const double nans[3] = { NAN, NAN, NAN };
  MdkEvalResult result;

  net = constant_network (bin, nans);
  evaluate (bin, net, &result);
  g_assert_true (isfinite (result.fitness));
  g_assert_cmpfloat (result.train_metric, ==, 0.0);
  g_clear_pointer (&net, mdk_network_free);

  net = constant_network (iris, nans);
  evaluate (iris, net, &result);
  g_assert_true (isfinite (result.fitness));
  g_assert_cmpfloat (result.train_metric, ==, 0.0);
  g_clear_pointer (&net, mdk_network_free);

  net = constant_network (reg, nans);
  evaluate (reg, net, &result);
  g_assert_cmpfloat (result.fitness, ==, 0.0);
  g_assert_false (result.solved);
}

static void
test_fitness_regression (void)
{
  g_autoptr(MdkTask) task = load_data ("regression.csv", "problem", "regression",
                                       "train_fraction", "1", "standardize", "false", NULL);
  g_autoptr(MdkTask) split = load_data ("regression.csv", "problem", "regression",
                                        "standardize", "false", NULL);
  g_autoptr(MdkNetwork) net = NULL;
  const double half = 0.5;
  MdkEvalResult result;

  /* Predicts 19, the middle: errors ±1, ±3, … ±9, so the MSE is 33 in the
   * label's units and 33 / 18² on the rescaled label. */
  net = constant_network (task, &half);
  evaluate (task, net, &result);
  g_assert_cmpfloat_with_epsilon (result.train_metric, 33.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.fitness, 1.0 / (1.0 + 33.0 / 324.0), 1e-12);
  g_assert_true (isnan (result.test_metric));
  g_assert_false (result.solved);
  g_clear_pointer (&net, mdk_network_free);

  /* y = 2 x1 + 10 rescaled from 10 … 28 is x1 / 9. */
  net = mdk_network_new ();
  mdk_network_begin (net, 2, 1, 4);
  mdk_network_set_node (net, 3, MDK_ACTIVATION_IDENTITY, 0.0);
  mdk_network_add_connection (net, 0, 3, 1.0 / 9.0);
  mdk_network_compile (net);
  evaluate (task, net, &result);
  g_assert_cmpfloat_with_epsilon (result.train_metric, 0.0, 1e-20);
  g_assert_cmpfloat_with_epsilon (result.fitness, 1.0, 1e-15);
  g_assert_true (result.solved);

  /* With a split the scaling comes from the training rows, but a perfect
   * fit stays perfect, on the test rows too, whatever their range. */
  {
    const double *x, *y;
    double lo = INFINITY, hi = -INFINITY;
    guint n = mdk_task_csv_get_rows (split, FALSE, &x, &y);
    guint n_test;

    for (guint i = 0; i < n; i++)
      {
        lo = MIN (lo, y[i]);
        hi = MAX (hi, y[i]);
      }
    n_test = mdk_task_csv_get_rows (split, TRUE, NULL, NULL);
    g_assert_cmpuint (n_test, ==, 2);
    mdk_network_begin (net, 2, 1, 4);
    mdk_network_set_node (net, 3, MDK_ACTIVATION_IDENTITY, (10.0 - lo) / (hi - lo));
    mdk_network_add_connection (net, 0, 3, 2.0 / (hi - lo));
    mdk_network_compile (net);
    evaluate (split, net, &result);
    g_assert_cmpfloat_with_epsilon (result.train_metric, 0.0, 1e-20);
    g_assert_cmpfloat_with_epsilon (result.test_metric, 0.0, 1e-20);
    g_assert_true (result.solved);
  }
}

typedef struct
{
  const MdkTask *task;
  MdkEvalResult  results[8];
} ThreadJob;

static MdkNetwork *
weighted_network (const MdkTask *task,
                  guint          variant)
{
  MdkNetwork *net = mdk_network_new ();
  guint first = task->n_inputs + 1;

  mdk_network_begin (net, task->n_inputs, task->n_outputs, first + task->n_outputs);
  for (guint k = 0; k < task->n_outputs; k++)
    {
      mdk_network_set_node (net, first + k, MDK_ACTIVATION_NEAT_SIGMOID, 0.1 * k);
      for (guint i = 0; i <= task->n_inputs; i++)
        mdk_network_add_connection (net, i, first + k,
                                    sin (1.0 + variant + 3.0 * i + 7.0 * k));
    }
  mdk_network_compile (net);
  return net;
}

static gpointer
thread_func (gpointer data)
{
  ThreadJob *job = data;

  for (guint rep = 0; rep < 50; rep++)
    for (guint v = 0; v < G_N_ELEMENTS (job->results); v++)
      {
        g_autoptr(MdkNetwork) net = weighted_network (job->task, v);
        evaluate (job->task, net, &job->results[v]);
      }
  return NULL;
}

/* Several threads evaluating at once get exactly the serial results. */
static void
test_fitness_threads (void)
{
  g_autoptr(MdkTask) task = load_data ("iris-small.csv", "fitness", "log-loss", NULL);
  ThreadJob serial = { 0 };
  ThreadJob jobs[4];
  GThread *threads[4];

  serial.task = task;
  thread_func (&serial);
  for (guint t = 0; t < G_N_ELEMENTS (jobs); t++)
    {
      jobs[t].task = task;
      threads[t] = g_thread_new ("eval", thread_func, &jobs[t]);
    }
  for (guint t = 0; t < G_N_ELEMENTS (jobs); t++)
    {
      g_thread_join (threads[t]);
      for (guint v = 0; v < G_N_ELEMENTS (serial.results); v++)
        {
          g_assert_cmpfloat (jobs[t].results[v].fitness, ==, serial.results[v].fitness);
          g_assert_cmpfloat (jobs[t].results[v].train_metric, ==,
                             serial.results[v].train_metric);
          g_assert_cmpfloat (jobs[t].results[v].test_metric, ==,
                             serial.results[v].test_metric);
        }
    }
}

/* ---------------------------------------------------------------------------
 * Traces
 */

/* binary.csv with x only, unscaled: a network that says spam when x > 1.2
 * gets every ham right (all have x < 0) and two of the four spams
 * (x = 1.5 and 2.5; x = 0.5 and 1.0 are called ham). */
static void
test_trace_confusion_binary (void)
{
  g_autoptr(MdkTask) task = load_data ("binary.csv", "label_column", "label",
                                       "feature_columns", "x", "standardize", "false",
                                       "train_fraction", "0.75", NULL);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autoptr(MdkTrace) trace = NULL;
  double expected[2][4] = { { 0 } };
  const double *x, *y;
  guint n_train, n_test;

  mdk_network_begin (net, 1, 1, 3);
  mdk_network_set_node (net, 2, MDK_ACTIVATION_STEP, -1.2);
  mdk_network_add_connection (net, 0, 2, 1.0);
  mdk_network_compile (net);

  trace = mdk_task_trace (task, net);
  g_assert_nonnull (trace);
  g_assert_cmpint (trace->kind, ==, MDK_TRACE_CONFUSION);
  g_assert_cmpuint (trace->n_classes, ==, 2);
  g_assert_cmpstr (trace->labels[0], ==, "ham");
  g_assert_cmpstr (trace->labels[1], ==, "spam");
  g_assert_null (trace->labels[2]);
  g_assert_nonnull (trace->values);
  g_assert_nonnull (trace->values2);

  /* Over both sets: ham → ham 4, spam → ham 2, spam → spam 2. */
  g_assert_cmpfloat (trace->values[0] + trace->values2[0], ==, 4.0);
  g_assert_cmpfloat (trace->values[1] + trace->values2[1], ==, 0.0);
  g_assert_cmpfloat (trace->values[2] + trace->values2[2], ==, 2.0);
  g_assert_cmpfloat (trace->values[3] + trace->values2[3], ==, 2.0);

  /* And each set on its own, row by row. */
  n_train = mdk_task_csv_get_rows (task, FALSE, &x, &y);
  g_assert_cmpuint (n_train, ==, 6);
  for (guint r = 0; r < n_train; r++)
    expected[0][(guint) y[r] * 2 + (x[r] > 1.2)] += 1.0;
  n_test = mdk_task_csv_get_rows (task, TRUE, &x, &y);
  g_assert_cmpuint (n_test, ==, 2);
  for (guint r = 0; r < n_test; r++)
    expected[1][(guint) y[r] * 2 + (x[r] > 1.2)] += 1.0;
  g_assert_cmpmem (trace->values, 4 * sizeof (double), expected[0], sizeof expected[0]);
  g_assert_cmpmem (trace->values2, 4 * sizeof (double), expected[1], sizeof expected[1]);
}

/* Three classes, all rows for training, always "versicolor": the middle
 * column holds every row, and there is no test matrix. */
static void
test_trace_confusion_multiclass (void)
{
  g_autoptr(MdkTask) task = load_data ("iris-small.csv", "train_fraction", "1", NULL);
  const double out[3] = { 0.1, 0.8, 0.3 };
  const double nans[3] = { NAN, NAN, NAN };
  static const double expected[9] = { 0, 5, 0, 0, 5, 0, 0, 5, 0 };
  static const double zeros[9] = { 0 };
  g_autoptr(MdkNetwork) net = constant_network (task, out);
  g_autoptr(MdkNetwork) broken = constant_network (task, nans);
  g_autoptr(MdkTrace) trace = mdk_task_trace (task, net);
  g_autoptr(MdkTrace) none = mdk_task_trace (task, broken);

  g_assert_cmpint (trace->kind, ==, MDK_TRACE_CONFUSION);
  g_assert_cmpuint (trace->n_classes, ==, 3);
  g_assert_cmpstr (trace->labels[0], ==, "setosa");
  g_assert_cmpstr (trace->labels[1], ==, "versicolor");
  g_assert_cmpstr (trace->labels[2], ==, "virginica");
  g_assert_cmpmem (trace->values, sizeof expected, expected, sizeof expected);
  g_assert_null (trace->values2);

  /* Outputs that are not numbers predict no class: nothing is counted. */
  g_assert_cmpmem (none->values, sizeof zeros, zeros, sizeof zeros);
}

/* A perfect regression: the points lie on y = x, in the label's units. */
static void
test_trace_regression (void)
{
  g_autoptr(MdkTask) task = load_data ("regression.csv", "problem", "regression",
                                       "train_fraction", "0.8", "standardize", "false",
                                       NULL);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  g_autoptr(MdkTrace) trace = NULL;
  const double *x, *y;
  double lo = INFINITY, hi = -INFINITY;
  guint n_train = mdk_task_csv_get_rows (task, FALSE, &x, &y);
  guint n_test;

  for (guint i = 0; i < n_train; i++)
    {
      lo = MIN (lo, y[i]);
      hi = MAX (hi, y[i]);
    }
  /* y = 2 x1 + 10, rescaled from the training range lo … hi. */
  mdk_network_begin (net, 2, 1, 4);
  mdk_network_set_node (net, 3, MDK_ACTIVATION_IDENTITY, (10.0 - lo) / (hi - lo));
  mdk_network_add_connection (net, 0, 3, 2.0 / (hi - lo));
  mdk_network_compile (net);

  trace = mdk_task_trace (task, net);
  g_assert_nonnull (trace);
  g_assert_cmpint (trace->kind, ==, MDK_TRACE_REGRESSION);
  g_assert_cmpuint (trace->n_points, ==, 10);
  g_assert_cmpstr (trace->labels[0], ==, "y");

  g_assert_cmpuint (n_train, ==, 8);
  for (guint i = 0; i < n_train; i++)
    {
      g_assert_cmpfloat (trace->values[3 * i], ==, y[i]);
      g_assert_cmpfloat_with_epsilon (trace->values[3 * i + 1], y[i], 1e-9);
      g_assert_cmpfloat (trace->values[3 * i + 2], ==, 0.0);
    }
  n_test = mdk_task_csv_get_rows (task, TRUE, &x, &y);
  g_assert_cmpuint (n_test, ==, 2);
  for (guint i = 0; i < n_test; i++)
    {
      g_assert_cmpfloat (trace->values[3 * (n_train + i)], ==, y[i]);
      g_assert_cmpfloat_with_epsilon (trace->values[3 * (n_train + i) + 1], y[i], 1e-9);
      g_assert_cmpfloat (trace->values[3 * (n_train + i) + 2], ==, 1.0);
    }
}

/* 5000 rows are subsampled evenly to 2000: row ⌊2.5 i⌋ for point i. */
static void
test_trace_regression_subsample (void)
{
  g_autoptr(GString) text = g_string_new ("x,y\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkTask) task = NULL;
  g_autoptr(MdkTask) split = NULL;
  g_autoptr(MdkNetwork) net = NULL;
  g_autoptr(MdkTrace) trace = NULL;
  g_autoptr(MdkTrace) split_trace = NULL;
  const double half = 0.5;
  guint n_test = 0;

  for (guint r = 0; r < 5000; r++)
    g_string_append_printf (text, "%u,%u\n", r % 7, r);
  task = load_text (text->str, &error, "problem", "regression", "train_fraction", "1",
                    NULL);
  g_assert_no_error (error);
  split = load_text (text->str, &error, "problem", "regression", "train_fraction", "0.9",
                     NULL);
  g_assert_no_error (error);

  /* Predicts the middle of the training range 0 … 4999. */
  net = constant_network (task, &half);
  trace = mdk_task_trace (task, net);
  g_assert_cmpuint (trace->n_points, ==, 2000);
  for (guint i = 0; i < 2000; i++)
    {
      g_assert_cmpfloat (trace->values[3 * i], ==, (5 * i) / 2);
      g_assert_cmpfloat_with_epsilon (trace->values[3 * i + 1], 2499.5, 1e-9);
      g_assert_cmpfloat (trace->values[3 * i + 2], ==, 0.0);
    }

  /* With a split, training and test rows keep their shares: 500 test rows
   * in 5000 are 200 in 2000, all after the training rows. */
  split_trace = mdk_task_trace (split, net);
  g_assert_cmpuint (split_trace->n_points, ==, 2000);
  for (guint i = 0; i < 2000; i++)
    {
      n_test += split_trace->values[3 * i + 2] != 0.0;
      if (i > 0)
        g_assert_cmpfloat (split_trace->values[3 * i + 2], >=, split_trace->values[3 * i - 1]);
    }
  g_assert_cmpuint (n_test, ==, 200);
}

/* ---------------------------------------------------------------------------
 * Errors
 */

static void
test_errors_empty_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkTask) task = mdk_task_new (&mdk_task_csv_class, NULL, &error);

  g_assert_null (task);
  g_assert_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA);
  assert_contains (error->message, "No data file is set");
}

static void
test_errors_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdkTask) task = NULL;
  g_autofree char *dir = g_dir_make_tmp ("medaka-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "no-such-file.csv", NULL);

  task = load_path (path, &error, NULL);
  g_assert_null (task);
  g_assert_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA);
  assert_contains (error->message, "Cannot open the data file");
  assert_contains (error->message, path);
  assert_contains (error->message, g_strerror (ENOENT));
  g_clear_error (&error);

  /* A directory opens but cannot be read. */
  task = load_path (dir, &error, NULL);
  g_assert_null (task);
  g_assert_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA);
  assert_contains (error->message, dir);
  g_rmdir (dir);
}

static void
test_errors_empty_file (void)
{
  g_autofree char *msg = NULL;

  msg = load_error ("", NULL);
  assert_contains (msg, "is empty");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("\n\r\n  \n\t\n", NULL);
  assert_contains (msg, "is empty");
}

static void
test_errors_header_only (void)
{
  g_autofree char *msg = load_error ("a,b,label\n\n", NULL);

  assert_contains (msg, "has a header row but no data rows");
}

static void
test_errors_wrong_field_count (void)
{
  g_autofree char *msg = NULL;

  msg = load_error ("a,b,c,label\n"
                    "1,2,3,x\n"
                    "1,2,3,y\n"
                    "\n"
                    "1,2,3,x\n"
                    "1,2,3,y\n"
                    "1,2,x\n"
                    "1,2,3,y\n", NULL);
  assert_contains (msg, "Line 7: expected 4 fields but found 3");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("1,2,x\n3,4,y,5\n", NULL);
  assert_contains (msg, "Line 2: expected 3 fields but found 4");
}

static void
test_errors_not_a_number (void)
{
  GString *text = g_string_new ("sepal_length,sepal_width,species\n");
  g_autofree char *msg = NULL;

  for (guint i = 2; i < 12; i++)
    g_string_append_printf (text, "%u.5,3.0,%s\n", i, i % 2 ? "a" : "b");
  g_string_append (text, "5.0,abc,a\n");
  msg = load_error (text->str, NULL);
  assert_contains (msg, "Line 12, column 2 (“sepal_width”): expected a number but found “abc”");
  g_clear_pointer (&msg, g_free);

  /* Without a header the column has no name. */
  msg = load_error ("1,2,x\n3,4 5,y\n", NULL);
  assert_contains (msg, "Line 2, column 2: expected a number but found “4 5”");
  g_clear_pointer (&msg, g_free);

  /* Decimal commas read as text, not as a wrong number. */
  msg = load_error ("a;b;c\n1,5;2;x\n", "delimiter", "semicolon", NULL);
  assert_contains (msg, "Line 2, column 1 (“a”): expected a number but found “1,5”");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("a,b,c\n1,,x\n", NULL);
  assert_contains (msg, "Line 2, column 2 (“b”): expected a number but the field is empty");
  g_clear_pointer (&msg, g_free);

  /* Long values are cut short. */
  msg = load_error ("a,b,c\n1,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,x\n",
                    NULL);
  assert_contains (msg, "…”");
  g_string_free (text, TRUE);
}

static void
test_errors_not_finite (void)
{
  static const char * const values[] = { "nan", "NaN", "inf", "-Infinity", "1e999" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = g_strdup_printf ("a,b,c\n1,2,x\n%s,3,y\n", values[i]);
      g_autofree char *msg = load_error (text, NULL);
      g_autofree char *expected = g_strdup_printf ("Line 3, column 1 (“a”): expected a finite "
                                                   "number but found “%s”", values[i]);

      assert_contains (msg, expected);
    }
}

static void
test_errors_label_column (void)
{
  g_autofree char *msg = NULL;

  msg = load_error ("a,b,c\n1,2,x\n3,4,y\n", "label_column", "species", NULL);
  assert_contains (msg, "The label column “species” is not in the header");
  assert_contains (msg, "“a”, “b”, “c”");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("a,b,c\n1,2,x\n3,4,y\n", "label_column", "4", NULL);
  assert_contains (msg, "The label column number 4 is out of range: the file has 3 columns");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("a,b,c\n1,2,x\n3,4,y\n", "label_column", "0", NULL);
  assert_contains (msg, "The label column number 0 is out of range");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("a,b,c\n1,2,x\n3,4,y\n", "label_column", "99999999999999999999", NULL);
  assert_contains (msg, "is out of range");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("1,2,x\n3,4,y\n", "label_column", "species", "header", "no", NULL);
  assert_contains (msg, "The label column “species” is given by name, but the file has no "
                        "header row");
}

static void
test_errors_feature_columns (void)
{
  g_autofree char *msg = NULL;

  msg = load_error ("a,b,c\n1,2,x\n3,4,y\n", "feature_columns", "a,zzz", NULL);
  assert_contains (msg, "The feature column “zzz” is not in the header");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("a,b,c\n1,2,x\n3,4,y\n", "feature_columns", "1,7", NULL);
  assert_contains (msg, "The feature column number 7 is out of range: the file has 3 columns");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("1,2,x\n3,4,y\n", "feature_columns", "a", "header", "no", NULL);
  assert_contains (msg, "The feature column “a” is given by name");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("a,b,c\n1,2,x\n3,4,y\n", "feature_columns", "a,c", NULL);
  assert_contains (msg, "The label column cannot also be a feature");
  assert_contains (msg, "column 3 (“c”)");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("a,b,c\n1,2,x\n3,4,y\n", "feature_columns", "a,b,1", NULL);
  assert_contains (msg, "The feature columns list column 1 (“a”) twice");
}

static void
test_errors_one_class (void)
{
  g_autofree char *msg = load_error ("a,b,kind\n1,2,cat\n3,4, cat\n5,6,\"cat\"\n", NULL);

  assert_contains (msg, "The label column 3 (“kind”) has only one value, “cat”");
  assert_contains (msg, "at least two classes");
}

static void
test_errors_labels (void)
{
  g_autofree char *msg = NULL;
  GString *text;

  msg = load_error ("a,b,y\n1,2,3.5\n3,4,abc\n", "problem", "regression", NULL);
  assert_contains (msg, "Line 3, column 3 (“y”): regression needs a numeric label but found "
                        "“abc”");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("a,b,y\n1,2,3.5\n3,4,inf\n", "problem", "regression", NULL);
  assert_contains (msg, "Line 3, column 3 (“y”): expected a finite number");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("a,b,y\n1,2,x\n3,4, \n", NULL);
  assert_contains (msg, "Line 3, column 3 (“y”): the label is empty");
  g_clear_pointer (&msg, g_free);

  text = g_string_new ("a,y\n");
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (text, "%u,%u.5\n", i, i);
  msg = load_error (text->str, NULL);
  assert_contains (msg, "too many classes");
  assert_contains (msg, "regression");
  g_string_free (text, TRUE);
}

static void
test_errors_quotes (void)
{
  g_autofree char *msg = NULL;

  msg = load_error ("a,b,c\n1,2,x\n3,\"4,y\n5,6,z\n", NULL);
  assert_contains (msg, "Line 3, column 2 (“b”): this quoted field has no closing quote");
  g_clear_pointer (&msg, g_free);

  /* In the header row the names are not known yet. */
  msg = load_error ("a,\"b,c\n", NULL);
  assert_contains (msg, "Line 1, column 2: this quoted field has no closing quote");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("a,b,c\n1,\"2\"x,y\n", NULL);
  assert_contains (msg, "Line 2, column 2 (“b”): expected a delimiter or the end of the line "
                        "after the closing quote");
}

static void
test_errors_text (void)
{
  g_autofree char *msg = NULL;

  msg = load_error ("one column\n1\n2\n", NULL);
  assert_contains (msg, "has only one column");
  g_clear_pointer (&msg, g_free);

  msg = load_error ("a,b,c\n1,2,\xE9t\xE9\n", NULL);
  assert_contains (msg, "Line 2: the text is not valid UTF-8");
  g_clear_pointer (&msg, g_free);

  msg = load_error_len ("a,b,c\r\n1,2\0,x\n", 14, NULL);
  assert_contains (msg, "Line 2: unexpected NUL byte");
}

/* ---------------------------------------------------------------------------
 * Fuzz
 */

/* Two valid files: text labels with quotes and a quoted line break, and
 * numeric labels that also suit regression. */
static const char * const fuzz_bases[] = {
  "\"a\",b,  c ,label\r\n"
  "1.5,2,\"3\",x\n"
  "-1,0.5e1,  7 ,\"y \"\"q\"\"\"\r\n"
  "\n"
  "2,3,4,x\n"
  "5,6,7,\"multi\nline\"\n"
  "8,9,10,z\n",
  "a,b,c,label\n"
  "1,2,3,0.5\n"
  "4,5,6,1\n"
  "-7,8e-2,\" 9 \",0.5\r\n"
  "10,11,12,2\n"
  "13,-1.5,15,1\n",
};

static void
mutate (MdkRng  *rng,
        GString *s)
{
  static const char inserts[] = "\",;\t\n\r \"\"\0-e.9";
  guint n_ops = 1 + mdk_rng_below (rng, 3);

  for (guint op = 0; op < n_ops; op++)
    {
      guint pos = s->len > 0 ? mdk_rng_below (rng, s->len) : 0;

      switch (mdk_rng_below (rng, 5))
        {
        case 0:   /* flip a byte: mostly to ASCII, sometimes to anything, NUL and
                   * invalid UTF-8 included */
          if (s->len > 0)
            s->str[pos] = (char) (mdk_rng_chance (rng, 0.8) ? 32 + mdk_rng_below (rng, 95)
                                                            : mdk_rng_below (rng, 256));
          break;
        case 1:   /* truncate */
          g_string_truncate (s, pos);
          break;
        case 2:   /* delete a run */
          {
            guint run = 1 + mdk_rng_below (rng, 8);
            g_string_erase (s, pos, MIN (s->len - pos, run));
          }
          break;
        case 3:   /* insert a character that means something to CSV */
          g_string_insert_len (s, pos, &inserts[mdk_rng_below (rng, sizeof inserts - 1)], 1);
          break;
        default:  /* duplicate a run */
          {
            guint run = 1 + mdk_rng_below (rng, 20);
            guint len = MIN (s->len - pos, run);
            g_autofree char *copy = g_strndup (s->str + pos, len);
            guint at = mdk_rng_below (rng, s->len + 1);
            g_string_insert_len (s, at, copy, len);
          }
          break;
        }
    }
}

static void
test_fuzz (void)
{
  static const char * const headers[] = { "auto", "auto", "auto", "yes", "no" };
  static const char * const problems[] = { "classification", "regression" };
  static const char * const delimiters[] = { "auto", "auto", "auto", "comma", "semicolon", "tab" };
  static const char * const labels[] = { "", "", "", "", "", "4", "label", "1", "9" };
  static const char * const features[] = { "", "", "", "", "", "1,2", "b", "a, 3", "label" };
  static const char * const fitness[] = { "accuracy", "log-loss" };
  g_autofree char *path = write_temp ("", 0);
  g_autoptr(MdkNetwork) net = mdk_network_new ();
  guint n_loaded = 0;
  MdkRng rng;

  mdk_rng_init (&rng, 20240601);
  for (guint iter = 0; iter < 2000; iter++)
    {
      guint base = mdk_rng_below (&rng, G_N_ELEMENTS (fuzz_bases));
      g_autoptr(GString) s = g_string_new (fuzz_bases[base]);
      g_autoptr(GError) error = NULL;
      g_autoptr(MdkTask) task = NULL;

      mutate (&rng, s);
      g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));

      /* Half the time odd parameters too; the other half the defaults, so
       * that enough mutants load to exercise evaluation as well.  The
       * draws are made in a fixed order, for a reproducible sequence. */
      gboolean wild = mdk_rng_chance (&rng, 0.5);
      const char *header = wild ? headers[mdk_rng_below (&rng, G_N_ELEMENTS (headers))] : "auto";
      const char *delimiter = wild ? delimiters[mdk_rng_below (&rng, G_N_ELEMENTS (delimiters))]
                                   : "auto";
      const char *label = wild ? labels[mdk_rng_below (&rng, G_N_ELEMENTS (labels))] : "";
      const char *feature = wild ? features[mdk_rng_below (&rng, G_N_ELEMENTS (features))] : "";
      const char *problem = problems[base == 1 && mdk_rng_chance (&rng, 0.7)];
      const char *fit = fitness[mdk_rng_below (&rng, G_N_ELEMENTS (fitness))];
      const char *fraction = mdk_rng_chance (&rng, 0.5) ? "0.5" : "1";
      const char *standardize = mdk_rng_chance (&rng, 0.5) ? "true" : "false";

      task = load_path (path, &error,
                        "header", header,
                        "problem", problem,
                        "delimiter", delimiter,
                        "label_column", label,
                        "feature_columns", feature,
                        "fitness", fit,
                        "train_fraction", fraction,
                        "standardize", standardize,
                        NULL);

      if (task == NULL)
        {
          g_assert_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          continue;
        }

      g_assert_no_error (error);
      n_loaded++;
      g_assert_cmpuint (task->n_inputs, >, 0);
      g_assert_cmpuint (task->n_outputs, >, 0);
      for (guint i = 0; i < task->n_inputs; i++)
        g_assert_true (g_utf8_validate (task->input_names[i], -1, NULL));
      for (guint i = 0; i < task->n_outputs; i++)
        g_assert_true (g_utf8_validate (task->output_names[i], -1, NULL));

      /* Loaded data is finite and evaluates without trouble. */
      for (guint t = 0; t < 2; t++)
        {
          const double *x, *y;
          guint n = mdk_task_csv_get_rows (task, t, &x, &y);

          for (gsize i = 0; i < (gsize) n * task->n_inputs; i++)
            g_assert_true (isfinite (x[i]));
          for (guint i = 0; i < n; i++)
            g_assert_true (isfinite (y[i]));
        }
      {
        guint first = task->n_inputs + 1;
        MdkEvalResult result;

        mdk_network_begin (net, task->n_inputs, task->n_outputs, first + task->n_outputs);
        for (guint k = 0; k < task->n_outputs; k++)
          {
            mdk_network_set_node (net, first + k, MDK_ACTIVATION_NEAT_SIGMOID, 0.0);
            for (guint i = 0; i < first; i++)
              mdk_network_add_connection (net, i, first + k, mdk_rng_range (&rng, -2, 2));
          }
        mdk_network_compile (net);
        evaluate (task, net, &result);
        g_assert_true (isfinite (result.fitness));
      }
    }

  g_test_message ("%u of 2000 mutations loaded", n_loaded);
  g_assert_cmpuint (n_loaded, >, 0);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/task/csv/params/defaults", test_params_defaults);
  g_test_add_func ("/core/task/csv/parse/header-auto", test_parse_header_auto);
  g_test_add_func ("/core/task/csv/parse/header-explicit", test_parse_header_explicit);
  g_test_add_func ("/core/task/csv/parse/quoted-crlf", test_parse_quoted_crlf);
  g_test_add_func ("/core/task/csv/parse/line-numbers", test_parse_line_numbers);
  g_test_add_func ("/core/task/csv/parse/delimiters", test_parse_delimiters);
  g_test_add_func ("/core/task/csv/parse/whitespace-blank-bom", test_parse_whitespace_blank_bom);
  g_test_add_func ("/core/task/csv/columns/label", test_columns_label);
  g_test_add_func ("/core/task/csv/columns/features", test_columns_features);
  g_test_add_func ("/core/task/csv/classes/two", test_classes_two);
  g_test_add_func ("/core/task/csv/classes/three", test_classes_three);
  g_test_add_func ("/core/task/csv/regression/basic", test_regression_basic);
  g_test_add_func ("/core/task/csv/training-data", test_training_data);
  g_test_add_func ("/core/task/csv/standardize", test_standardize);
  g_test_add_func ("/core/task/csv/split/reproducible", test_split_reproducible);
  g_test_add_func ("/core/task/csv/fitness/binary-constant", test_fitness_binary_constant);
  g_test_add_func ("/core/task/csv/fitness/binary-perfect", test_fitness_binary_perfect);
  g_test_add_func ("/core/task/csv/fitness/multiclass-constant",
                   test_fitness_multiclass_constant);
  g_test_add_func ("/core/task/csv/fitness/nan-outputs", test_fitness_nan_outputs);
  g_test_add_func ("/core/task/csv/fitness/regression", test_fitness_regression);
  g_test_add_func ("/core/task/csv/fitness/threads", test_fitness_threads);
  g_test_add_func ("/core/task/csv/trace/confusion-binary", test_trace_confusion_binary);
  g_test_add_func ("/core/task/csv/trace/confusion-multiclass",
                   test_trace_confusion_multiclass);
  g_test_add_func ("/core/task/csv/trace/regression", test_trace_regression);
  g_test_add_func ("/core/task/csv/trace/regression-subsample",
                   test_trace_regression_subsample);
  g_test_add_func ("/core/task/csv/errors/empty-path", test_errors_empty_path);
  g_test_add_func ("/core/task/csv/errors/missing-file", test_errors_missing_file);
  g_test_add_func ("/core/task/csv/errors/empty-file", test_errors_empty_file);
  g_test_add_func ("/core/task/csv/errors/header-only", test_errors_header_only);
  g_test_add_func ("/core/task/csv/errors/wrong-field-count", test_errors_wrong_field_count);
  g_test_add_func ("/core/task/csv/errors/not-a-number", test_errors_not_a_number);
  g_test_add_func ("/core/task/csv/errors/not-finite", test_errors_not_finite);
  g_test_add_func ("/core/task/csv/errors/label-column", test_errors_label_column);
  g_test_add_func ("/core/task/csv/errors/feature-columns", test_errors_feature_columns);
  g_test_add_func ("/core/task/csv/errors/one-class", test_errors_one_class);
  g_test_add_func ("/core/task/csv/errors/labels", test_errors_labels);
  g_test_add_func ("/core/task/csv/errors/quotes", test_errors_quotes);
  g_test_add_func ("/core/task/csv/errors/text", test_errors_text);
  g_test_add_func ("/core/task/csv/fuzz", test_fuzz);

  return g_test_run ();
}
