/* The user's own data from a CSV file.
 *
 * The file is read once, in init, by a small RFC 4180 reader that is lenient
 * where files in the wild differ: quoted fields with "" escapes and line
 * breaks, LF, CRLF or CR line ends, a UTF-8 byte-order mark, blank lines and
 * whitespace around values.  Numbers go through g_ascii_strtod, so a file
 * reads the same in every locale.  Every error names the line (and column)
 * where it was found and says what was expected there.
 *
 * Classification: the label's distinct values become classes in order of
 * first appearance (numbers that are equal, such as "1" and "1.0", are one
 * class).  Two classes give one output, the probability of the second class
 * (threshold 0.5, binary cross-entropy); k > 2 classes give k outputs, the
 * largest wins and log-loss takes a softmax over them.
 *
 * Regression: one output that predicts the target rescaled so that the
 * training rows span 0 … 1, which a sigmoid output can reach (z-scores could
 * not).  Fitness is 1 / (1 + MSE) on that rescaled target, so it does not
 * depend on the label's units; the reported metrics and solve_mse are the
 * MSE in the label's own units.
 *
 * Rows are shuffled with their own MdkRng seeded by split_seed before the
 * split; features are standardised with the training rows only, so the test
 * rows leak nothing into training.  The task data is read-only after init and
 * evaluation writes only into the network's scratch space. */
#define G_LOG_DOMAIN "medaka-task"

#include "config.h"

#include "mdk-task-csv.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* As in the classify task: one confident wrong answer costs a lot but never
 * infinitely much. */
#define LOG_LOSS_EPSILON 1e-7

/* More distinct labels than this is almost surely a numeric column given to
 * classification by mistake, and would make a network with that many
 * outputs. */
#define MAX_CLASSES 100

/* Values quoted in error messages are cut to this many characters. */
#define MAX_SHOWN_CHARS 40

typedef enum
{
  DELIMITER_AUTO,
  DELIMITER_COMMA,
  DELIMITER_SEMICOLON,
  DELIMITER_TAB,
} DelimiterMode;

typedef enum
{
  HEADER_AUTO,
  HEADER_YES,
  HEADER_NO,
} HeaderMode;

typedef enum
{
  PROBLEM_CLASSIFICATION,
  PROBLEM_REGRESSION,
} Problem;

typedef enum
{
  FITNESS_ACCURACY,
  FITNESS_LOG_LOSS,
} FitnessMode;

typedef struct
{
  char     *path;
  int       delimiter;
  int       header;
  char     *label_column;
  char     *feature_columns;
  int       problem;
  gboolean  standardize;
  double    train_fraction;
  int       split_seed;
  int       fitness;
  double    solve_accuracy;
  double    solve_mse;
} MdkTaskCsvParams;

typedef struct
{
  gboolean  regression;
  int       fitness;
  double    solve_accuracy;
  double    solve_mse;
  guint     n_features;
  guint     n_classes;        /* 0 for regression */
  char    **class_names;      /* NULL-terminated; NULL for regression */
  guint     n_train;
  guint     n_test;
  /* Both arrays hold the training rows first, then the test rows. */
  double   *features;         /* n_features per row, as the network sees them */
  double   *targets;          /* class index, or the label in its own units */
  /* Regression: an output o predicts target_offset + target_scale × o. */
  double    target_offset;
  double    target_scale;
  /* The training rows' targets as the outputs should read them, for
   * gradient training: the rescaled label, the probability of the second
   * of two classes, or one-hot over more. */
  double   *output_targets;
} CsvData;

static const MdkParamChoice delimiter_choices[] = {
  /* TRANSLATORS: a choice of CSV field delimiter: detect it from the file */
  { "auto", N_("Detect") },
  { "comma", N_("Comma") },
  { "semicolon", N_("Semicolon") },
  /* TRANSLATORS: the tab character, as a CSV field delimiter */
  { "tab", N_("Tab") },
  { NULL, NULL }
};

static const MdkParamChoice header_choices[] = {
  { "auto", N_("Detect") },
  /* TRANSLATORS: whether a CSV file has a header row: yes */
  { "yes", N_("Yes") },
  /* TRANSLATORS: whether a CSV file has a header row: no */
  { "no", N_("No") },
  { NULL, NULL }
};

static const MdkParamChoice problem_choices[] = {
  { "classification", N_("Classification") },
  { "regression", N_("Regression") },
  { NULL, NULL }
};

static const MdkParamChoice fitness_choices[] = {
  { "accuracy", N_("Accuracy") },
  { "log-loss", N_("Log-loss") },
  { NULL, NULL }
};

static const MdkParamFileType csv_file_type = {
  .title = N_("Open CSV File"),
  .filter_name = N_("CSV files"),
  .suffix = "csv",
  .mime_type = "text/csv",
};

static const MdkParamSpec csv_params[] = {
  {
    .id = "path",
    .label = N_("CSV file"),
    .group = N_("Data"),
    .help = N_("The file to learn from: one row per sample, with feature columns and a "
               "label column."),
    .type = MDK_PARAM_STRING,
    .def_str = "",
    .file_type = &csv_file_type,
    .offset = offsetof (MdkTaskCsvParams, path),
    .flags = MDK_PARAM_FLAG_FILE,
  },
  {
    .id = "delimiter",
    .label = N_("Delimiter"),
    .group = N_("Data"),
    .help = N_("The character between fields. Detect picks whichever of comma, semicolon "
               "and tab occurs most often in the first line."),
    .type = MDK_PARAM_CHOICE,
    .def = DELIMITER_AUTO,
    .choices = delimiter_choices,
    .offset = offsetof (MdkTaskCsvParams, delimiter),
  },
  {
    .id = "header",
    .label = N_("Header row"),
    .group = N_("Data"),
    .help = N_("Whether the first row holds column names. Detect takes it for a header "
               "when a column is given by name or when any of its fields in a feature "
               "column is not a number."),
    .type = MDK_PARAM_CHOICE,
    .def = HEADER_AUTO,
    .choices = header_choices,
    .offset = offsetof (MdkTaskCsvParams, header),
  },
  {
    .id = "label_column",
    .label = N_("Label column"),
    .group = N_("Data"),
    .help = N_("The column to predict: a name from the header or a column number counted "
               "from 1. Empty means the last column."),
    .type = MDK_PARAM_STRING,
    .def_str = "",
    .offset = offsetof (MdkTaskCsvParams, label_column),
  },
  {
    .id = "feature_columns",
    .label = N_("Feature columns"),
    .group = N_("Data"),
    .help = N_("The columns the network sees, separated by commas: names from the header "
               "or column numbers counted from 1. Empty means every column except the "
               "label."),
    .type = MDK_PARAM_STRING,
    .def_str = "",
    .offset = offsetof (MdkTaskCsvParams, feature_columns),
  },
  {
    .id = "problem",
    .label = N_("Problem"),
    .group = N_("Data"),
    .help = N_("Classification predicts which of the label's distinct values (text or "
               "numbers) a row has. Regression predicts a numeric label."),
    .type = MDK_PARAM_CHOICE,
    .def = PROBLEM_CLASSIFICATION,
    .choices = problem_choices,
    .offset = offsetof (MdkTaskCsvParams, problem),
  },
  {
    .id = "standardize",
    .label = N_("Standardise features"),
    .group = N_("Data"),
    .help = N_("Rescale each feature to mean 0 and standard deviation 1 over the training "
               "rows, so that all inputs are on the scale of the weights. A feature that "
               "is constant on the training rows becomes 0."),
    .type = MDK_PARAM_BOOL,
    .min = 0,
    .max = 1,
    .def = TRUE,
    .offset = offsetof (MdkTaskCsvParams, standardize),
  },
  {
    .id = "train_fraction",
    .label = N_("Training fraction"),
    .group = N_("Data"),
    .help = N_("The fraction of the rows used for training and fitness. The others are "
               "test rows: they never affect the fitness and only show how well the "
               "network generalises."),
    .type = MDK_PARAM_DOUBLE,
    .min = 0.1,
    .max = 1.0,
    .def = 0.8,
    .offset = offsetof (MdkTaskCsvParams, train_fraction),
  },
  {
    .id = "split_seed",
    .label = N_("Split seed"),
    .group = N_("Data"),
    .help = N_("The seed of the shuffle that deals the rows into training and test rows. "
               "It is separate from the run's seed, so every run sees the same split."),
    .type = MDK_PARAM_INT,
    .min = 0,
    .max = G_MAXINT,
    .def = 1,
    .offset = offsetof (MdkTaskCsvParams, split_seed),
  },
  {
    .id = "fitness",
    .label = N_("Fitness"),
    .group = N_("Fitness"),
    .help = N_("Classification only. Accuracy is the fraction of training rows classified "
               "correctly. Log-loss gives 1 / (1 + the mean cross-entropy), which also "
               "rewards confident right answers and so changes more smoothly. Regression "
               "always uses 1 / (1 + the mean squared error), with the label rescaled so "
               "that its training range is 0 … 1."),
    .type = MDK_PARAM_CHOICE,
    .def = FITNESS_ACCURACY,
    .choices = fitness_choices,
    .offset = offsetof (MdkTaskCsvParams, fitness),
  },
  {
    .id = "solve_accuracy",
    .label = N_("Target accuracy"),
    .group = N_("Fitness"),
    .help = N_("Classification: the task counts as solved when the accuracy on the "
               "training rows reaches this value."),
    .type = MDK_PARAM_DOUBLE,
    .min = 0.0,
    .max = 1.0,
    .def = 1.0,
    .offset = offsetof (MdkTaskCsvParams, solve_accuracy),
  },
  {
    .id = "solve_mse",
    .label = N_("Target mean squared error"),
    .group = N_("Fitness"),
    .help = N_("Regression: the task counts as solved when the mean squared error on the "
               "training rows, in the label's own units, is at most this value."),
    .type = MDK_PARAM_DOUBLE,
    .min = 0.0,
    .max = 1e12,
    .def = 0.01,
    .offset = offsetof (MdkTaskCsvParams, solve_mse),
  },
};

/* ---------------------------------------------------------------------------
 * Loading
 */

typedef struct
{
  const MdkTaskCsvParams *params;
  char        *display_path;
  char        *contents;
  gsize        length;

  /* The reader: the current record's fields are NUL-terminated strings in
   * buf, starting at the offsets in starts. */
  const char  *data;          /* contents without a byte-order mark */
  gsize        len;
  gsize        pos;
  guint        line;          /* line number at pos, 1-based */
  guint        record_line;   /* where the current record starts */
  char         delimiter;
  GString     *buf;
  GArray      *starts;        /* gsize */

  guint        n_columns;
  char       **names;         /* stripped header fields; NULL without a header */
  guint        label_column;
  GArray      *feature_columns;   /* guint, in input order */

  guint        n_rows;
  GArray      *x;             /* double, n_features per row */
  GArray      *y;             /* double */
  GHashTable  *class_index;   /* canonical label → class index + 1 */
  GPtrArray   *class_names;
} Loader;

static void
loader_clear (Loader *ld)
{
  g_free (ld->display_path);
  g_free (ld->contents);
  if (ld->buf != NULL)
    g_string_free (ld->buf, TRUE);
  g_clear_pointer (&ld->starts, g_array_unref);
  g_strfreev (ld->names);
  g_clear_pointer (&ld->feature_columns, g_array_unref);
  g_clear_pointer (&ld->x, g_array_unref);
  g_clear_pointer (&ld->y, g_array_unref);
  g_clear_pointer (&ld->class_index, g_hash_table_unref);
  g_clear_pointer (&ld->class_names, g_ptr_array_unref);
}

static inline const char *
field (const Loader *ld,
       guint         i)
{
  return ld->buf->str + g_array_index (ld->starts, gsize, i);
}

static inline guint
n_fields (const Loader *ld)
{
  return ld->starts->len;
}

/* A value as shown in a message: cut short so that one odd field cannot
 * flood a dialog. */
static char *
shorten (const char *text)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (text, -1) <= MAX_SHOWN_CHARS)
    return g_strdup (text);
  head = g_utf8_substring (text, 0, MAX_SHOWN_CHARS);
  return g_strconcat (head, "…", NULL);
}

static char *
describe_column (const Loader *ld,
                 guint         column)
{
  if (ld->names != NULL && column < g_strv_length (ld->names))
    {
      g_autofree char *name = shorten (ld->names[column]);
      /* TRANSLATORS: a place in a CSV file, used inside other messages,
       * e.g. "column 2 (“sepal_width”)": the column's number and its name
       * from the header row. */
      return g_strdup_printf (_("column %u (“%s”)"), column + 1, name);
    }
  /* TRANSLATORS: a place in a CSV file, used inside other messages */
  return g_strdup_printf (_("column %u"), column + 1);
}

/* The 1-based line of a byte offset, counting LF, CRLF and CR line ends. */
static guint
line_at (const char *data,
         gsize       len,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset && i < len; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= len || data[i + 1] != '\n')))
      line++;
  return line;
}

static gboolean
read_file (Loader  *ld,
           GError **error)
{
  const char *path = ld->params->path;
  GString *s;
  char *chunk;
  size_t n;
  FILE *f;

  f = g_fopen (path, "rb");
  if (f == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("Cannot open the data file “%s”: %s"),
                   ld->display_path, g_strerror (saved_errno));
      return FALSE;
    }

  s = g_string_new (NULL);
  chunk = g_malloc (65536);
  while ((n = fread (chunk, 1, 65536, f)) > 0)
    g_string_append_len (s, chunk, n);
  g_free (chunk);

  if (ferror (f))
    {
      int saved_errno = errno;
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("Cannot read the data file “%s”: %s"),
                   ld->display_path, g_strerror (saved_errno));
      fclose (f);
      g_string_free (s, TRUE);
      return FALSE;
    }
  fclose (f);

  ld->length = s->len;
  ld->contents = g_string_free (s, FALSE);
  return TRUE;
}

/* Text only: a NUL byte or invalid UTF-8 would end up in class names and
 * messages, so both are refused up front, with the line where they are. */
static gboolean
check_text (Loader  *ld,
            GError **error)
{
  const char *nul = memchr (ld->contents, '\0', ld->length);
  const char *end = NULL;

  if (nul != NULL)
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("Line %u: unexpected NUL byte; the data file must be a text file"),
                   line_at (ld->contents, ld->length, nul - ld->contents));
      return FALSE;
    }
  if (!g_utf8_validate (ld->contents, ld->length, &end))
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("Line %u: the text is not valid UTF-8; save the file with UTF-8 "
                     "encoding"),
                   line_at (ld->contents, ld->length, end - ld->contents));
      return FALSE;
    }

  ld->data = ld->contents;
  ld->len = ld->length;
  if (ld->len >= 3 && memcmp (ld->data, "\xEF\xBB\xBF", 3) == 0)
    {
      ld->data += 3;
      ld->len -= 3;
    }
  return TRUE;
}

/* Counts the candidates outside quotes on the first non-blank line; the most
 * frequent wins.  A tie goes to tab, then semicolon: a semicolon file with
 * decimal commas can have as many commas as semicolons, while a comma file
 * rarely has a semicolon at all. */
static char
detect_delimiter (const char *data,
                  gsize       len)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;
  gboolean seen_text = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        {
          if (seen_text)
            break;
          /* A blank line: start again on the next. */
          commas = semicolons = tabs = 0;
          continue;
        }
      else if (!quoted && c == ',')
        commas++;
      else if (!quoted && c == ';')
        semicolons++;
      else if (!quoted && c == '\t')
        tabs++;
      if (!g_ascii_isspace (c))
        seen_text = TRUE;
    }

  if (tabs > 0 && tabs >= semicolons && tabs >= commas)
    return '\t';
  if (semicolons > 0 && semicolons >= commas)
    return ';';
  return ',';
}

static inline gboolean
is_blank (char c,
          char delimiter)
{
  return c == ' ' || (c == '\t' && delimiter != '\t');
}

static inline void
skip_line_end (Loader *ld)
{
  if (ld->pos < ld->len && ld->data[ld->pos] == '\r')
    {
      ld->pos++;
      if (ld->pos < ld->len && ld->data[ld->pos] == '\n')
        ld->pos++;
      ld->line++;
    }
  else if (ld->pos < ld->len && ld->data[ld->pos] == '\n')
    {
      ld->pos++;
      ld->line++;
    }
}

/* A quoted field: from after the opening quote up to and including the
 * closing quote.  Line ends inside become "\n". */
static gboolean
read_quoted (Loader  *ld,
             guint    column,
             GError **error)
{
  guint start_line = ld->line;

  for (;;)
    {
      char c;

      if (ld->pos >= ld->len)
        {
          g_autofree char *where = describe_column (ld, column);
          g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                       /* TRANSLATORS: the 2nd %s is e.g. "column 2 (“name”)" */
                       _("Line %u, %s: this quoted field has no closing quote (\")"),
                       start_line, where);
          return FALSE;
        }

      c = ld->data[ld->pos];
      if (c == '"')
        {
          if (ld->pos + 1 < ld->len && ld->data[ld->pos + 1] == '"')
            {
              g_string_append_c (ld->buf, '"');
              ld->pos += 2;
              continue;
            }
          ld->pos++;
          return TRUE;
        }
      if (c == '\r' || c == '\n')
        {
          g_string_append_c (ld->buf, '\n');
          skip_line_end (ld);
          continue;
        }
      g_string_append_c (ld->buf, c);
      ld->pos++;
    }
}

typedef enum
{
  READ_RECORD,
  READ_END,
  READ_ERROR,
} ReadStatus;

/* Reads the next record that is not blank into buf and starts. */
static ReadStatus
read_record (Loader  *ld,
             GError **error)
{
  for (;;)
    {
      gsize q = ld->pos;

      /* Blank (or whitespace-only) lines are skipped. */
      while (q < ld->len && (ld->data[q] == ' ' || ld->data[q] == '\t' ||
                             ld->data[q] == '\v' || ld->data[q] == '\f'))
        q++;
      if (q >= ld->len)
        return READ_END;
      if (ld->data[q] == '\n' || ld->data[q] == '\r')
        {
          ld->pos = q;
          skip_line_end (ld);
          continue;
        }

      ld->record_line = ld->line;
      g_string_truncate (ld->buf, 0);
      g_array_set_size (ld->starts, 0);

      for (;;)
        {
          gsize start = ld->buf->len;
          guint column = ld->starts->len;
          gsize p = ld->pos;

          g_array_append_val (ld->starts, start);

          while (p < ld->len && is_blank (ld->data[p], ld->delimiter))
            p++;
          if (p < ld->len && ld->data[p] == '"')
            {
              ld->pos = p + 1;
              if (!read_quoted (ld, column, error))
                return READ_ERROR;
              while (ld->pos < ld->len && is_blank (ld->data[ld->pos], ld->delimiter))
                ld->pos++;
              if (ld->pos < ld->len && ld->data[ld->pos] != ld->delimiter &&
                  ld->data[ld->pos] != '\n' && ld->data[ld->pos] != '\r')
                {
                  g_autofree char *where = describe_column (ld, column);
                  g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                               /* TRANSLATORS: the 2nd %s is e.g. "column 2 (“name”)" */
                               _("Line %u, %s: expected a delimiter or the end of the line "
                                 "after the closing quote"),
                               ld->line, where);
                  return READ_ERROR;
                }
            }
          else
            {
              gsize begin = ld->pos;

              while (ld->pos < ld->len && ld->data[ld->pos] != ld->delimiter &&
                     ld->data[ld->pos] != '\n' && ld->data[ld->pos] != '\r')
                ld->pos++;
              g_string_append_len (ld->buf, ld->data + begin, ld->pos - begin);
            }
          g_string_append_c (ld->buf, '\0');

          if (ld->pos < ld->len && ld->data[ld->pos] == ld->delimiter)
            {
              ld->pos++;
              continue;
            }
          skip_line_end (ld);
          return READ_RECORD;
        }
    }
}

typedef enum
{
  NUMBER_OK,
  NUMBER_EMPTY,
  NUMBER_INVALID,
  NUMBER_NOT_FINITE,
} NumberStatus;

static NumberStatus
parse_number (const char *text,
              double     *value)
{
  const char *start = text;
  const char *end;
  char *stop = NULL;
  double v;

  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (end == start)
    return NUMBER_EMPTY;

  v = g_ascii_strtod (start, &stop);
  if (stop == start || stop != end)
    return NUMBER_INVALID;
  if (!isfinite (v))
    return NUMBER_NOT_FINITE;
  *value = v;
  return NUMBER_OK;
}

static gboolean
looks_numeric (const char *text)
{
  double v;
  NumberStatus status = parse_number (text, &v);

  return status == NUMBER_OK || status == NUMBER_NOT_FINITE;
}

static void
set_number_error (const Loader *ld,
                  guint         column,
                  NumberStatus  status,
                  const char   *text,
                  GError      **error)
{
  g_autofree char *where = describe_column (ld, column);
  g_autofree char *shown = shorten (text);

  switch (status)
    {
    case NUMBER_EMPTY:
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   /* TRANSLATORS: the 2nd %s is e.g. "column 2 (“name”)" */
                   _("Line %u, %s: expected a number but the field is empty"),
                   ld->record_line, where);
      break;
    case NUMBER_NOT_FINITE:
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   /* TRANSLATORS: the 2nd %s is e.g. "column 2 (“name”)" */
                   _("Line %u, %s: expected a finite number but found “%s”"),
                   ld->record_line, where, shown);
      break;
    case NUMBER_INVALID:
    case NUMBER_OK:
    default:
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   /* TRANSLATORS: the 2nd %s is e.g. "column 2 (“name”)" */
                   _("Line %u, %s: expected a number but found “%s”"),
                   ld->record_line, where, shown);
      break;
    }
}

static gboolean
is_index_token (const char *token)
{
  if (*token == '\0')
    return FALSE;
  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* The comma-separated entries of feature_columns, stripped, empty ones
 * dropped. */
static char **
split_column_list (const char *list)
{
  g_auto(GStrv) parts = g_strsplit (list != NULL ? list : "", ",", -1);
  GPtrArray *tokens = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_ptr_array_add (tokens, g_strdup (parts[i]));
    }
  g_ptr_array_add (tokens, NULL);
  return (char **) g_ptr_array_free (tokens, FALSE);
}

static char *
list_column_names (const Loader *ld)
{
  GString *s = g_string_new (NULL);
  guint n = g_strv_length (ld->names);

  for (guint i = 0; i < n && i < 20; i++)
    {
      g_autofree char *name = shorten (ld->names[i]);
      if (i > 0)
        /* TRANSLATORS: separates the items of a list of column names */
        g_string_append (s, _(", "));
      /* TRANSLATORS: one quoted column name in a list */
      g_string_append_printf (s, _("“%s”"), name);
    }
  if (n > 20)
    g_string_append (s, ", …");
  return g_string_free (s, FALSE);
}

/* A column given as a header name (tried first) or a 1-based number. */
static gboolean
resolve_column (const Loader *ld,
                const char   *token,
                gboolean      is_label,
                guint        *column,
                GError      **error)
{
  g_autofree char *shown = shorten (token);
  guint64 v;

  if (ld->names != NULL)
    for (guint i = 0; ld->names[i] != NULL; i++)
      if (strcmp (ld->names[i], token) == 0)
        {
          *column = i;
          return TRUE;
        }

  if (is_index_token (token))
    {
      if (g_ascii_string_to_unsigned (token, 10, 1, ld->n_columns, &v, NULL))
        {
          *column = (guint) v - 1;
          return TRUE;
        }
      if (is_label)
        g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The label column number %s is out of range: the file "
                                  "has %u column",
                                  "The label column number %s is out of range: the file "
                                  "has %u columns", ld->n_columns),
                     shown, ld->n_columns);
      else
        g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The feature column number %s is out of range: the file "
                                  "has %u column",
                                  "The feature column number %s is out of range: the file "
                                  "has %u columns", ld->n_columns),
                     shown, ld->n_columns);
      return FALSE;
    }

  if (ld->names == NULL)
    {
      if (is_label)
        g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                     _("The label column “%s” is given by name, but the file has no header "
                       "row; give its number instead"),
                     shown);
      else
        g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                     _("The feature column “%s” is given by name, but the file has no header "
                       "row; give its number instead"),
                     shown);
      return FALSE;
    }

  {
    g_autofree char *known = list_column_names (ld);

    if (is_label)
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("The label column “%s” is not in the header; the columns are %s"),
                   shown, known);
    else
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("The feature column “%s” is not in the header; the columns are %s"),
                   shown, known);
  }
  return FALSE;
}

/* Auto-detection, on the first record: a column given by name can only be
 * found in a header; otherwise the first row is a header when any of its
 * feature fields is not a number (the label may be text in any row). */
static gboolean
guess_header (const Loader       *ld,
              const char         *label_token,
              const char * const *feature_tokens)
{
  guint label = ld->n_columns - 1;
  guint64 v;

  if (label_token[0] != '\0' && !is_index_token (label_token))
    return TRUE;
  for (guint i = 0; feature_tokens[i] != NULL; i++)
    if (!is_index_token (feature_tokens[i]))
      return TRUE;

  if (label_token[0] != '\0')
    label = g_ascii_string_to_unsigned (label_token, 10, 1, ld->n_columns, &v, NULL)
            ? (guint) v - 1 : G_MAXUINT;

  if (feature_tokens[0] != NULL)
    {
      for (guint i = 0; feature_tokens[i] != NULL; i++)
        if (g_ascii_string_to_unsigned (feature_tokens[i], 10, 1, ld->n_columns, &v, NULL) &&
            !looks_numeric (field (ld, (guint) v - 1)))
          return TRUE;
      return FALSE;
    }

  for (guint c = 0; c < ld->n_columns; c++)
    if (c != label && !looks_numeric (field (ld, c)))
      return TRUE;
  return FALSE;
}

static gboolean
resolve_columns (Loader              *ld,
                 const char          *label_token,
                 const char * const  *feature_tokens,
                 GError             **error)
{
  g_autofree gboolean *used = g_new0 (gboolean, ld->n_columns);

  if (label_token[0] == '\0')
    ld->label_column = ld->n_columns - 1;
  else if (!resolve_column (ld, label_token, TRUE, &ld->label_column, error))
    return FALSE;

  ld->feature_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  if (feature_tokens[0] == NULL)
    {
      for (guint c = 0; c < ld->n_columns; c++)
        if (c != ld->label_column)
          g_array_append_val (ld->feature_columns, c);
      return TRUE;
    }

  for (guint i = 0; feature_tokens[i] != NULL; i++)
    {
      guint c;

      if (!resolve_column (ld, feature_tokens[i], FALSE, &c, error))
        return FALSE;
      if (c == ld->label_column)
        {
          g_autofree char *where = describe_column (ld, c);
          g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                       /* TRANSLATORS: %s is e.g. "column 2 (“name”)" */
                       _("The label column cannot also be a feature, but the feature "
                         "columns list %s"),
                       where);
          return FALSE;
        }
      if (used[c])
        {
          g_autofree char *where = describe_column (ld, c);
          g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                       /* TRANSLATORS: %s is e.g. "column 2 (“name”)" */
                       _("The feature columns list %s twice"),
                       where);
          return FALSE;
        }
      used[c] = TRUE;
      g_array_append_val (ld->feature_columns, c);
    }
  return TRUE;
}

/* Labels are compared by value when they are numbers, so "1" and "1.0" are
 * one class, and by their stripped text otherwise. */
static char *
label_key (const char *label)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double v;

  if (parse_number (label, &v) == NUMBER_OK)
    return g_strconcat ("n:", g_ascii_dtostr (buf, sizeof buf, v == 0.0 ? 0.0 : v), NULL);
  return g_strconcat ("s:", label, NULL);
}

static gboolean
add_row (Loader  *ld,
         GError **error)
{
  const MdkTaskCsvParams *params = ld->params;
  const char *label;
  double target = 0.0;

  if (n_fields (ld) != ld->n_columns)
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Line %u: expected %u field but found %u",
                                "Line %u: expected %u fields but found %u", ld->n_columns),
                   ld->record_line, ld->n_columns, n_fields (ld));
      return FALSE;
    }

  for (guint k = 0; k < ld->feature_columns->len; k++)
    {
      guint c = g_array_index (ld->feature_columns, guint, k);
      NumberStatus status;
      double v = 0.0;

      status = parse_number (field (ld, c), &v);
      if (status != NUMBER_OK)
        {
          set_number_error (ld, c, status, field (ld, c), error);
          return FALSE;
        }
      g_array_append_val (ld->x, v);
    }

  label = field (ld, ld->label_column);
  if (params->problem == PROBLEM_REGRESSION)
    {
      NumberStatus status = parse_number (label, &target);

      if (status == NUMBER_INVALID)
        {
          g_autofree char *where = describe_column (ld, ld->label_column);
          g_autofree char *shown = shorten (label);
          g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                       /* TRANSLATORS: the 2nd %s is e.g. "column 2 (“name”)" */
                       _("Line %u, %s: regression needs a numeric label but found “%s”; "
                         "is this a classification problem?"),
                       ld->record_line, where, shown);
          return FALSE;
        }
      if (status != NUMBER_OK)
        {
          set_number_error (ld, ld->label_column, status, label, error);
          return FALSE;
        }
    }
  else
    {
      g_autofree char *text = g_strstrip (g_strdup (label));
      g_autofree char *key = NULL;
      gpointer index;

      if (text[0] == '\0')
        {
          g_autofree char *where = describe_column (ld, ld->label_column);
          g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                       /* TRANSLATORS: the 2nd %s is e.g. "column 2 (“name”)" */
                       _("Line %u, %s: the label is empty"),
                       ld->record_line, where);
          return FALSE;
        }

      key = label_key (text);
      index = g_hash_table_lookup (ld->class_index, key);
      if (index == NULL)
        {
          guint n = ld->class_names->len;

          if (n >= MAX_CLASSES)
            {
              g_autofree char *where = describe_column (ld, ld->label_column);
              g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                           /* TRANSLATORS: %s is e.g. "column 2 (“name”)" */
                           g_dngettext (GETTEXT_PACKAGE,
                                        "The label %s has more than %u distinct value, too "
                                        "many classes for classification; should the "
                                        "problem be regression?",
                                        "The label %s has more than %u distinct values, too "
                                        "many classes for classification; should the "
                                        "problem be regression?", MAX_CLASSES),
                           where, MAX_CLASSES);
              return FALSE;
            }
          g_ptr_array_add (ld->class_names, g_steal_pointer (&text));
          index = GUINT_TO_POINTER (n + 1);
          g_hash_table_insert (ld->class_index, g_steal_pointer (&key), index);
        }
      target = GPOINTER_TO_UINT (index) - 1;
    }
  g_array_append_val (ld->y, target);
  ld->n_rows++;
  return TRUE;
}

static gboolean
load_rows (Loader  *ld,
           GError **error)
{
  const MdkTaskCsvParams *params = ld->params;
  g_autofree char *label_token = NULL;
  g_auto(GStrv) feature_tokens = NULL;
  gboolean header;
  ReadStatus status;

  if (params->path == NULL || params->path[0] == '\0')
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("No data file is set: choose a CSV file for the “path” parameter"));
      return FALSE;
    }
  ld->display_path = g_filename_display_name (params->path);

  if (!read_file (ld, error) || !check_text (ld, error))
    return FALSE;

  switch (params->delimiter)
    {
    case DELIMITER_COMMA:
      ld->delimiter = ',';
      break;
    case DELIMITER_SEMICOLON:
      ld->delimiter = ';';
      break;
    case DELIMITER_TAB:
      ld->delimiter = '\t';
      break;
    case DELIMITER_AUTO:
    default:
      ld->delimiter = detect_delimiter (ld->data, ld->len);
      break;
    }

  ld->line = 1;
  ld->buf = g_string_new (NULL);
  ld->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  ld->x = g_array_new (FALSE, FALSE, sizeof (double));
  ld->y = g_array_new (FALSE, FALSE, sizeof (double));
  ld->class_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ld->class_names = g_ptr_array_new_with_free_func (g_free);

  status = read_record (ld, error);
  if (status == READ_ERROR)
    return FALSE;
  if (status == READ_END)
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("The data file “%s” is empty"), ld->display_path);
      return FALSE;
    }

  ld->n_columns = n_fields (ld);
  if (ld->n_columns < 2)
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("The data file “%s” has only one column, but it needs at least one "
                     "feature column and a label column; is the delimiter right?"),
                   ld->display_path);
      return FALSE;
    }

  label_token = g_strstrip (g_strdup (params->label_column != NULL ? params->label_column : ""));
  feature_tokens = split_column_list (params->feature_columns);

  switch (params->header)
    {
    case HEADER_YES:
      header = TRUE;
      break;
    case HEADER_NO:
      header = FALSE;
      break;
    case HEADER_AUTO:
    default:
      header = guess_header (ld, label_token, (const char * const *) feature_tokens);
      break;
    }

  if (header)
    {
      ld->names = g_new0 (char *, ld->n_columns + 1);
      for (guint c = 0; c < ld->n_columns; c++)
        ld->names[c] = g_strstrip (g_strdup (field (ld, c)));
    }

  if (!resolve_columns (ld, label_token, (const char * const *) feature_tokens, error))
    return FALSE;

  if (!header && !add_row (ld, error))
    return FALSE;

  while ((status = read_record (ld, error)) == READ_RECORD)
    if (!add_row (ld, error))
      return FALSE;
  if (status == READ_ERROR)
    return FALSE;

  if (ld->n_rows == 0)
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("The data file “%s” has a header row but no data rows"),
                   ld->display_path);
      return FALSE;
    }

  if (params->problem == PROBLEM_CLASSIFICATION && ld->class_names->len < 2)
    {
      g_autofree char *where = describe_column (ld, ld->label_column);
      g_autofree char *shown = shorten (g_ptr_array_index (ld->class_names, 0));
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   /* TRANSLATORS: the 1st %s is e.g. "column 2 (“name”)" */
                   _("The label %s has only one value, “%s”; classification needs at "
                     "least two classes"),
                   where, shown);
      return FALSE;
    }
  return TRUE;
}

static int
compare_guint32 (const void *a,
                 const void *b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* z-scores with the training rows' mean and population standard deviation.
 * Each column is first divided by its largest magnitude so that the sums
 * cannot overflow whatever the values. */
static void
standardize (CsvData *d)
{
  guint n_rows = d->n_train + d->n_test;
  guint nf = d->n_features;

  for (guint f = 0; f < nf; f++)
    {
      double *x = d->features + f;
      double first = x[0];
      gboolean constant = TRUE;
      double m = 0.0, mean = 0.0, var = 0.0, sd;

      for (guint r = 0; r < d->n_train; r++)
        {
          m = MAX (m, fabs (x[(gsize) r * nf]));
          if (x[(gsize) r * nf] != first)
            constant = FALSE;
        }

      if (constant)
        {
          for (guint r = 0; r < n_rows; r++)
            x[(gsize) r * nf] = 0.0;
          continue;
        }

      for (guint r = 0; r < d->n_train; r++)
        mean += x[(gsize) r * nf] / m;
      mean /= d->n_train;
      for (guint r = 0; r < d->n_train; r++)
        {
          double u = x[(gsize) r * nf] / m - mean;
          var += u * u;
        }
      sd = sqrt (var / d->n_train);

      for (guint r = 0; r < n_rows; r++)
        {
          double z = sd > 0.0 ? (x[(gsize) r * nf] / m - mean) / sd : 0.0;
          x[(gsize) r * nf] = isfinite (z) ? z : 0.0;
        }
    }
}

static void
csv_data_free (CsvData *d)
{
  if (d == NULL)
    return;
  g_strfreev (d->class_names);
  g_free (d->features);
  g_free (d->targets);
  g_free (d->output_targets);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsvData, csv_data_free)

static gboolean
csv_init (MdkTask  *task,
          GError  **error)
{
  const MdkTaskCsvParams *params = task->params;
  Loader ld = { .params = params };
  g_autoptr(CsvData) d = NULL;
  g_autofree guint32 *order = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GPtrArray) outputs = NULL;
  guint n;
  guint nf;

  if (!load_rows (&ld, error))
    {
      loader_clear (&ld);
      return FALSE;
    }

  d = g_new0 (CsvData, 1);
  d->regression = params->problem == PROBLEM_REGRESSION;
  d->fitness = params->fitness;
  d->solve_accuracy = params->solve_accuracy;
  d->solve_mse = params->solve_mse;
  d->n_features = nf = ld.feature_columns->len;
  n = ld.n_rows;

  /* The split: its own stream, so it depends on split_seed alone.  Each part
   * keeps the file's order, which makes row listings easier to follow. */
  order = g_new (guint32, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  {
    MdkRng rng;

    mdk_rng_init (&rng, (guint64) params->split_seed);
    mdk_rng_shuffle (&rng, order, n);
  }
  d->n_train = (guint) CLAMP (floor (params->train_fraction * n + 0.5), 1, n);
  d->n_test = n - d->n_train;
  qsort (order, d->n_train, sizeof (guint32), compare_guint32);
  qsort (order + d->n_train, d->n_test, sizeof (guint32), compare_guint32);

  d->features = g_new (double, (gsize) n * nf);
  d->targets = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      memcpy (d->features + (gsize) i * nf,
              &g_array_index (ld.x, double, (gsize) order[i] * nf),
              sizeof (double) * nf);
      d->targets[i] = g_array_index (ld.y, double, order[i]);
    }

  if (params->standardize)
    standardize (d);

  inputs = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < nf; k++)
    {
      guint c = g_array_index (ld.feature_columns, guint, k);

      if (ld.names != NULL && ld.names[c][0] != '\0')
        g_ptr_array_add (inputs, g_strdup (ld.names[c]));
      else
        g_ptr_array_add (inputs, g_strdup_printf ("col%u", c + 1));
    }

  outputs = g_ptr_array_new_with_free_func (g_free);
  if (d->regression)
    {
      double lo = d->targets[0], hi = d->targets[0];

      for (guint i = 1; i < d->n_train; i++)
        {
          lo = MIN (lo, d->targets[i]);
          hi = MAX (hi, d->targets[i]);
        }
      d->target_offset = lo;
      d->target_scale = hi - lo;
      if (!(d->target_scale > 0.0))
        {
          /* A constant target: an output of 0.5 predicts it. */
          d->target_scale = 1.0;
          d->target_offset = lo - 0.5;
        }
      if (ld.names != NULL && ld.names[ld.label_column][0] != '\0')
        g_ptr_array_add (outputs, g_strdup (ld.names[ld.label_column]));
      else
        g_ptr_array_add (outputs, g_strdup ("y"));
    }
  else
    {
      d->n_classes = ld.class_names->len;
      d->class_names = g_new0 (char *, d->n_classes + 1);
      for (guint k = 0; k < d->n_classes; k++)
        d->class_names[k] = g_strdup (g_ptr_array_index (ld.class_names, k));
      if (d->n_classes == 2)
        g_ptr_array_add (outputs, g_strdup_printf ("p(%s)", d->class_names[1]));
      else
        for (guint k = 0; k < d->n_classes; k++)
          g_ptr_array_add (outputs, g_strdup (d->class_names[k]));
    }

  d->output_targets = g_new0 (double, (gsize) d->n_train * outputs->len);
  for (guint i = 0; i < d->n_train; i++)
    if (d->regression)
      d->output_targets[i] = (d->targets[i] - d->target_offset) / d->target_scale;
    else if (d->n_classes == 2)
      d->output_targets[i] = d->targets[i];
    else
      d->output_targets[(gsize) i * outputs->len + (guint) d->targets[i]] = 1.0;

  mdk_task_set_names (task,
                      (const char * const *) inputs->pdata, inputs->len,
                      (const char * const *) outputs->pdata, outputs->len);
  task->priv = g_steal_pointer (&d);
  loader_clear (&ld);
  return TRUE;
}

static void
csv_finalize (MdkTask *task)
{
  csv_data_free (task->priv);
  task->priv = NULL;
}

/* ---------------------------------------------------------------------------
 * Evaluation
 */

/* The class the outputs stand for, as the fitness sees it, or -1 when an
 * output is not a number. */
static int
predict_class (const CsvData *d,
               const double  *out)
{
  guint best = 0;

  if (d->n_classes == 2)
    {
      if (isnan (out[0]))
        return -1;
      return out[0] >= 0.5 ? 1 : 0;
    }

  for (guint k = 0; k < d->n_classes; k++)
    {
      if (isnan (out[k]))
        return -1;
      if (out[k] > out[best])
        best = k;
    }
  return (int) best;
}

static double
row_log_loss (const CsvData *d,
              const double  *out,
              guint          target)
{
  const double worst = -log (LOG_LOSS_EPSILON);
  double top, sum = 0.0, loss;

  if (d->n_classes == 2)
    {
      double p;

      if (isnan (out[0]))
        return worst;
      p = CLAMP (out[0], LOG_LOSS_EPSILON, 1.0 - LOG_LOSS_EPSILON);
      return target == 1 ? -log (p) : -log (1.0 - p);
    }

  /* Softmax, shifted by the largest output so that exp cannot overflow. */
  top = out[0];
  for (guint k = 0; k < d->n_classes; k++)
    {
      if (!isfinite (out[k]))
        return worst;
      top = MAX (top, out[k]);
    }
  for (guint k = 0; k < d->n_classes; k++)
    sum += exp (out[k] - top);
  loss = log (sum) - (out[target] - top);
  return MIN (loss, worst);
}

typedef struct
{
  double accuracy;
  double log_loss;     /* mean */
  double mse;          /* rescaled target */
} Score;

static void
score_rows (const CsvData *d,
            MdkNetwork    *net,
            const double  *features,
            const double  *targets,
            guint          n_rows,
            double        *out,
            Score         *score)
{
  guint n_out = d->regression ? 1 : (d->n_classes == 2 ? 1 : d->n_classes);
  guint correct = 0;
  double loss = 0.0;
  double sq = 0.0;

  mdk_network_activate_batch (net, features, n_rows, out);

  for (guint r = 0; r < n_rows; r++)
    {
      const double *o = out + (gsize) r * n_out;

      if (d->regression)
        {
          double t = (targets[r] - d->target_offset) / d->target_scale;
          double e = o[0] - t;

          sq += isfinite (e) ? e * e : INFINITY;
        }
      else
        {
          guint target = (guint) targets[r];

          if (predict_class (d, o) == (int) target)
            correct++;
          if (d->fitness == FITNESS_LOG_LOSS)
            loss += row_log_loss (d, o, target);
        }
    }

  score->accuracy = (double) correct / n_rows;
  score->log_loss = loss / n_rows;
  score->mse = sq / n_rows;
}

static void
csv_evaluate (const MdkTask *task,
              MdkNetwork    *net,
              MdkRng        *rng,
              MdkEvalResult *result)
{
  const CsvData *d = task->priv;
  guint nf = d->n_features;
  Score train, test;
  double *out;

  g_return_if_fail (mdk_network_get_n_inputs (net) == task->n_inputs);
  g_return_if_fail (mdk_network_get_n_outputs (net) == task->n_outputs);

  out = mdk_network_get_scratch (net, (gsize) MAX (d->n_train, d->n_test) * task->n_outputs);

  score_rows (d, net, d->features, d->targets, d->n_train, out, &train);
  if (d->n_test > 0)
    score_rows (d, net, d->features + (gsize) d->n_train * nf, d->targets + d->n_train,
                d->n_test, out, &test);

  if (d->regression)
    {
      double scale2 = d->target_scale * d->target_scale;
      double train_mse = train.mse * scale2;

      result->fitness = 1.0 / (1.0 + train.mse);
      result->train_metric = train_mse;
      result->test_metric = d->n_test > 0 ? test.mse * scale2 : NAN;
      result->solved = train_mse <= d->solve_mse;
    }
  else
    {
      if (d->fitness == FITNESS_LOG_LOSS)
        result->fitness = 1.0 / (1.0 + train.log_loss);
      else
        result->fitness = train.accuracy;
      result->train_metric = train.accuracy;
      result->test_metric = d->n_test > 0 ? test.accuracy : NAN;
      /* The tolerance only absorbs rounding in correct / n. */
      result->solved = train.accuracy >= d->solve_accuracy - 1e-12;
    }
}

/* ---------------------------------------------------------------------------
 * Trace
 */

/* At most this many rows in a regression trace: enough for the scatter to
 * show its shape, few enough to draw every frame. */
#define TRACE_MAX_POINTS 2000

/* The network's outputs for every row, training rows then test rows, in the
 * network's scratch space (task->n_outputs per row). */
static const double *
activate_all (const MdkTask *task,
              MdkNetwork    *net)
{
  const CsvData *d = task->priv;
  guint n_out = task->n_outputs;
  double *out = mdk_network_get_scratch (net, (gsize) (d->n_train + d->n_test) * n_out);

  mdk_network_activate_batch (net, d->features, d->n_train, out);
  if (d->n_test > 0)
    mdk_network_activate_batch (net, d->features + (gsize) d->n_train * d->n_features,
                                d->n_test, out + (gsize) d->n_train * n_out);
  return out;
}

/* Classification: the confusion matrices, rows = true class, columns = the
 * class the outputs stand for as the fitness reads them; training counts in
 * values, test counts in values2 (NULL when there are no test rows).  Rows
 * whose outputs are not numbers have no predicted class and are left out.
 *
 * Regression: (target, prediction, is_test) per row in the label's units,
 * evenly subsampled to at most TRACE_MAX_POINTS rows; labels holds the
 * label's name.  A prediction may be NAN. */
static MdkTrace *
csv_trace (const MdkTask *task,
           MdkNetwork    *net)
{
  const CsvData *d = task->priv;
  guint n_rows = d->n_train + d->n_test;
  guint n_out = task->n_outputs;
  const double *out;
  MdkTrace *trace;

  g_return_val_if_fail (mdk_network_get_n_inputs (net) == task->n_inputs, NULL);
  g_return_val_if_fail (mdk_network_get_n_outputs (net) == task->n_outputs, NULL);

  out = activate_all (task, net);

  if (d->regression)
    {
      guint n = MIN (n_rows, TRACE_MAX_POINTS);

      trace = mdk_trace_new (MDK_TRACE_REGRESSION);
      trace->n_points = n;
      trace->values = g_new (double, 3 * (gsize) n);
      for (guint i = 0; i < n; i++)
        {
          /* Evenly spaced rows over training then test rows, so both keep
           * their share. */
          guint r = (guint) (((guint64) i * n_rows) / n);

          trace->values[3 * i] = d->targets[r];
          trace->values[3 * i + 1] = d->target_offset + d->target_scale * out[(gsize) r * n_out];
          trace->values[3 * i + 2] = r >= d->n_train;
        }
      trace->labels = g_new0 (char *, 2);
      trace->labels[0] = g_strdup (task->output_names[0]);
      return trace;
    }

  trace = mdk_trace_new (MDK_TRACE_CONFUSION);
  trace->n_classes = d->n_classes;
  trace->labels = g_strdupv (d->class_names);
  trace->values = g_new0 (double, (gsize) d->n_classes * d->n_classes);
  if (d->n_test > 0)
    trace->values2 = g_new0 (double, (gsize) d->n_classes * d->n_classes);
  for (guint r = 0; r < n_rows; r++)
    {
      int predicted = predict_class (d, out + (gsize) r * n_out);
      guint target = (guint) d->targets[r];
      double *counts = r < d->n_train ? trace->values : trace->values2;

      if (predicted >= 0)
        counts[target * d->n_classes + (guint) predicted] += 1.0;
    }
  return trace;
}

/* ---------------------------------------------------------------------------
 * Public API
 */

/**
 * mdk_task_csv_is_regression:
 * @task: a task of class mdk_task_csv_class
 *
 * Returns: %TRUE for regression, %FALSE for classification.
 */
gboolean
mdk_task_csv_is_regression (const MdkTask *task)
{
  g_return_val_if_fail (task != NULL && task->klass == &mdk_task_csv_class, FALSE);

  return ((const CsvData *) task->priv)->regression;
}

/**
 * mdk_task_csv_get_class_names:
 * @task: a task of class mdk_task_csv_class
 * @n_classes: (out) (optional): the number of classes, 0 for regression
 *
 * The classes in order of first appearance in the file; class index i in
 * the targets is class_names[i].  With two classes the one output is the
 * probability of class 1, the second class.
 *
 * Returns: (nullable): a NULL-terminated array that belongs to @task, or
 *   %NULL for regression.
 */
const char * const *
mdk_task_csv_get_class_names (const MdkTask *task,
                              guint         *n_classes)
{
  const CsvData *d;

  g_return_val_if_fail (task != NULL && task->klass == &mdk_task_csv_class, NULL);

  d = task->priv;
  if (n_classes != NULL)
    *n_classes = d->n_classes;
  return (const char * const *) d->class_names;
}

/**
 * mdk_task_csv_get_rows:
 * @task: a task of class mdk_task_csv_class
 * @test: %TRUE for the test rows, %FALSE for the training rows
 * @features: (out) (optional): the network inputs, task->n_inputs per row,
 *   row-major, standardised if the task standardises
 * @targets: (out) (optional): per row, the class index (classification) or
 *   the label in its own units (regression)
 *
 * Returns: the number of rows; the arrays belong to @task.
 */
guint
mdk_task_csv_get_rows (const MdkTask  *task,
                       gboolean        test,
                       const double  **features,
                       const double  **targets)
{
  const CsvData *d;
  guint first;

  g_return_val_if_fail (task != NULL && task->klass == &mdk_task_csv_class, 0);

  d = task->priv;
  first = test ? d->n_train : 0;
  if (features != NULL)
    *features = d->features + (gsize) first * d->n_features;
  if (targets != NULL)
    *targets = d->targets + first;
  return test ? d->n_test : d->n_train;
}

/**
 * mdk_task_csv_decode:
 * @task: a task of class mdk_task_csv_class
 * @outputs: task->n_outputs network outputs for one row
 *
 * Reads the outputs exactly as the fitness does, as a value comparable with
 * the targets of mdk_task_csv_get_rows(): the predicted class index
 * (threshold 0.5 for two classes, the largest output otherwise) or the
 * predicted label in its own units.
 *
 * Returns: the prediction, or NAN when an output is not a number.
 */
double
mdk_task_csv_decode (const MdkTask *task,
                     const double  *outputs)
{
  const CsvData *d;
  int k;

  g_return_val_if_fail (task != NULL && task->klass == &mdk_task_csv_class, NAN);
  g_return_val_if_fail (outputs != NULL, NAN);

  d = task->priv;
  if (d->regression)
    return d->target_offset + d->target_scale * outputs[0];
  k = predict_class (d, outputs);
  return k < 0 ? NAN : (double) k;
}

/* Squared error on the rescaled label for regression, cross-entropy as the
 * log-loss fitness reads the outputs for classification. */
static gboolean
csv_get_training_data (const MdkTask   *task,
                       MdkTrainingData *data)
{
  const CsvData *d = task->priv;

  *data = (MdkTrainingData) {
    .n_rows = d->n_train,
    .n_inputs = d->n_features,
    .n_outputs = task->n_outputs,
    .inputs = d->features,
    .targets = d->output_targets,
    .loss = d->regression ? MDK_LOSS_SQUARED_ERROR : MDK_LOSS_CROSS_ENTROPY,
  };
  return TRUE;
}

const MdkTaskClass mdk_task_csv_class = {
  .id = "csv",
  .label = N_("CSV data"),
  .description = N_("Learn from your own data: a CSV file with one row per sample, feature "
                    "columns that the network sees and a label column that it predicts. For "
                    "classification the label's distinct values, text or numbers, are the "
                    "classes: two classes give one output, the probability of the second "
                    "class, and more give one output per class, the largest of which wins. "
                    "For regression the label must be a number, and the output predicts it "
                    "rescaled so that its training range is 0 … 1. The rows are shuffled "
                    "with the split seed and dealt into training and test rows, and the "
                    "features can be standardised with the training rows' mean and "
                    "standard deviation. Fitness comes from the training rows only: the "
                    "accuracy or 1 / (1 + log-loss) for classification, 1 / (1 + mean "
                    "squared error of the rescaled label) for regression. The metric is "
                    "the accuracy for classification and the mean squared error, in the "
                    "label's own units, for regression; on the test rows it shows how well "
                    "the network generalises. The task is solved when the training "
                    "accuracy reaches its target, or the training error falls to its "
                    "target."),
  /* One label for both problems: the class field cannot depend on the
   * parameters, and the description says which is which. */
  .metric_label = N_("Accuracy / MSE"),
  .params = csv_params,
  .n_params = G_N_ELEMENTS (csv_params),
  .params_size = sizeof (MdkTaskCsvParams),
  .deterministic = TRUE,
  .output_activation = MDK_ACTIVATION_NEAT_SIGMOID,
  .init = csv_init,
  .finalize = csv_finalize,
  .evaluate = csv_evaluate,
  .trace = csv_trace,
  .get_training_data = csv_get_training_data,
};
