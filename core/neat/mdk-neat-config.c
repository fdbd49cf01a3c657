#define G_LOG_DOMAIN "medaka-neat"

#include "config.h"

#include "mdk-neat-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdk-neat.h"

/* The sections, keys and their meaning are those of neat-python's
 * "Configuration file description",
 * https://neat-python.readthedocs.io/en/latest/config_file.html (the source
 * is docs/config_file.rst of https://github.com/CodeReclaimers/neat-python);
 * its activation functions are those of neat/activations.py.  Medaka's side
 * of every mapping is explained in docs/formats.md. */

G_DEFINE_QUARK (mdk-neat-config-error-quark, mdk_neat_config_error)

#define SQRT3 1.7320508075688772
#define SQRT5 2.2360679774997896

#define FAIL(code, ...) \
  G_STMT_START { \
    g_set_error (error, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_ ## code, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

static void
setting_free (MdkNeatConfigSetting *s)
{
  g_free (s->section);
  g_free (s->key);
  g_free (s->value);
  g_free (s->note);
  g_free (s);
}

static const char * const required_sections[] = {
  "NEAT", "DefaultGenome", "DefaultSpeciesSet", "DefaultStagnation", "DefaultReproduction",
};

/* A comment after a value: configparser (as neat-python sets it up) would
 * keep it as part of the value and then fail on it; dropping it is kinder. */
static void
drop_inline_comment (char *value)
{
  for (char *c = value; *c != '\0'; c++)
    if ((*c == '#' || *c == ';') && (c == value || g_ascii_isspace (c[-1])))
      {
        *c = '\0';
        break;
      }
  g_strstrip (value);
}

static guint
line_of (const char *text,
         const char *at)
{
  guint line = 1;

  for (const char *c = text; c < at; c++)
    line += *c == '\n';
  return line;
}

/* The settings of an INI file as Python's configparser reads neat-python's:
 * "[section]" headers, "key = value" or "key: value" with keys in any case,
 * comment lines starting with '#' or ';', indented lines continuing the
 * value above, no key twice in a section and no section twice. */
static GPtrArray *
read_ini (const char  *text,
          gsize        length,
          GError     **error)
{
  g_autoptr(GPtrArray) settings = g_ptr_array_new_with_free_func ((GDestroyNotify) setting_free);
  g_autoptr(GHashTable) sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = text, *end = text + length, *bad = NULL;
  const char *section = NULL;
  MdkNeatConfigSetting *last = NULL;
  guint line = 0;

  if (!g_utf8_validate_len (text, length, &bad))
    {
      g_set_error (error, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_SYNTAX,
                   _("Line %u: not valid UTF-8 text"), line_of (text, bad));
      return NULL;
    }
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      g_autofree char *raw = g_strndup (p, (nl ? nl : end) - p);
      g_autofree char *stripped = g_strstrip (g_strdup (raw));
      char *delim;

      p = nl ? nl + 1 : end;
      line++;
      if (stripped[0] == '\0')
        {
          last = NULL;
          continue;
        }
      if (stripped[0] == '#' || stripped[0] == ';')
        continue;
      if (g_ascii_isspace (raw[0]))
        {
          char *old;

          if (last == NULL)
            {
              g_set_error (error, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_SYNTAX,
                           _("Line %u: an indented line that continues no setting"), line);
              return NULL;
            }
          drop_inline_comment (stripped);
          old = last->value;
          last->value = old[0] ? g_strjoin (" ", old, stripped, NULL) : g_strdup (stripped);
          g_free (old);
          continue;
        }
      if (raw[0] == '[')
        {
          char *close = strrchr (raw, ']');
          g_autofree char *name = NULL;
          gpointer first;

          if (close == NULL || close == raw + 1)
            {
              g_set_error (error, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_SYNTAX,
                           _("Line %u: a section header must be “[name]”"), line);
              return NULL;
            }
          name = g_strndup (raw + 1, close - raw - 1);
          first = g_hash_table_lookup (sections, name);
          if (first != NULL)
            {
              g_set_error (error, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_SYNTAX,
                           _("Line %u: section [%s] appears twice (first on line %u)"),
                           line, name, GPOINTER_TO_UINT (first));
              return NULL;
            }
          section = name;
          g_hash_table_insert (sections, g_steal_pointer (&name), GUINT_TO_POINTER (line));
          last = NULL;
          continue;
        }

      delim = strpbrk (stripped, "=:");
      if (delim == NULL || delim == stripped)
        {
          g_set_error (error, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_SYNTAX,
                       _("Line %u: expected “key = value”, found “%s”"), line, stripped);
          return NULL;
        }
      *delim = '\0';
      if (section == NULL)
        {
          g_set_error (error, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_SYNTAX,
                       _("Line %u: “%s” comes before any [section]"), line, g_strstrip (stripped));
          return NULL;
        }
      last = g_new0 (MdkNeatConfigSetting, 1);
      last->line = line;
      last->section = g_strdup (section);
      last->key = g_ascii_strdown (g_strstrip (stripped), -1);
      last->value = g_strdup (delim + 1);
      drop_inline_comment (last->value);
      g_ptr_array_add (settings, last);
      {
        char *id = g_strconcat (section, "\n", last->key, NULL);
        gpointer first = g_hash_table_lookup (keys, id);

        if (first != NULL)
          {
            g_set_error (error, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_SYNTAX,
                         _("Line %u: “%s” is set twice in [%s] (first on line %u)"),
                         line, last->key, section, GPOINTER_TO_UINT (first));
            g_free (id);
            return NULL;
          }
        g_hash_table_insert (keys, id, GUINT_TO_POINTER (line));
      }
    }

  for (guint i = 0; i < G_N_ELEMENTS (required_sections); i++)
    if (!g_hash_table_contains (sections, required_sections[i]))
      {
        g_set_error (error, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_SYNTAX,
                     _("Line %u: the file ends without a [%s] section, which neat-python needs"),
                     MAX (line, 1), required_sections[i]);
        return NULL;
      }
  return g_steal_pointer (&settings);
}

/* Reading values, as neat-python's config does. */

static gboolean
parse_number (const MdkNeatConfigSetting  *s,
              double                      *value,
              GError                     **error)
{
  char *end = NULL;

  *value = g_ascii_strtod (s->value, &end);
  if (s->value[0] == '\0' || *end != '\0' || !isfinite (*value))
    FAIL (VALUE, _("Line %u: %s must be a number, not “%s”"), s->line, s->key, s->value);
  return TRUE;
}

static gboolean
parse_whole (const MdkNeatConfigSetting  *s,
             double                      *value,
             GError                     **error)
{
  gint64 n;

  if (!g_ascii_string_to_signed (s->value, 10, -1000000000, 1000000000, &n, NULL))
    FAIL (VALUE, _("Line %u: %s must be a whole number, not “%s”"), s->line, s->key, s->value);
  *value = (double) n;
  return TRUE;
}

static gboolean
parse_probability (const MdkNeatConfigSetting  *s,
                   double                      *value,
                   GError                     **error)
{
  if (!parse_number (s, value, error))
    return FALSE;
  if (*value < 0.0 || *value > 1.0)
    FAIL (VALUE, _("Line %u: %s must be from 0 to 1, not %s"), s->line, s->key, s->value);
  return TRUE;
}

/* Python's configparser booleans. */
static gboolean
parse_bool (const MdkNeatConfigSetting  *s,
            gboolean                    *value,
            GError                     **error)
{
  static const char * const yes[] = { "1", "yes", "true", "on" };
  static const char * const no[] = { "0", "no", "false", "off" };
  g_autofree char *v = g_ascii_strdown (s->value, -1);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (v, yes[i]) || g_str_equal (v, no[i]))
      {
        *value = g_str_equal (v, yes[i]);
        return TRUE;
      }
  FAIL (VALUE, _("Line %u: %s must be True or False, not “%s”"), s->line, s->key, s->value);
}

/* One of the space-separated @words; neat-python compares them exactly. */
static gboolean
parse_word (const MdkNeatConfigSetting  *s,
            const char                  *word,
            const char                  *words,
            GError                     **error)
{
  g_auto(GStrv) list = g_strsplit (words, " ", -1);
  g_autofree char *listed = NULL;

  if (g_strv_contains ((const char * const *) list, word))
    return TRUE;
  listed = g_strjoinv (", ", list);
  FAIL (VALUE, _("Line %u: %s must be one of %s, not “%s”"), s->line, s->key, listed, word);
}

/* neat-python's activation functions; slope is how much steeper neat-python's
 * is than Medaka's: neat-python's f(z) is Medaka's g(slope · z). */
static const struct
{
  const char *name;
  int         medaka;     /* MdkActivation, or -1: Medaka has none */
  double      slope;
} activations[] = {
  { "sigmoid", MDK_ACTIVATION_NEAT_SIGMOID, 5.0 / 4.9 },   /* 1/(1+e^(−5z)) */
  { "tanh", MDK_ACTIVATION_TANH, 2.5 },                      /* tanh (2.5 z) */
  { "sin", MDK_ACTIVATION_SINE, 5.0 },                       /* sin (5 z) */
  { "gauss", MDK_ACTIVATION_GAUSSIAN, SQRT5 },     /* e^(−5z²) */
  { "relu", MDK_ACTIVATION_RELU, 1.0 },
  { "identity", MDK_ACTIVATION_IDENTITY, 1.0 },
  { "abs", MDK_ACTIVATION_ABS, 1.0 },
  { "square", MDK_ACTIVATION_SQUARE, 1.0 },
  { "elu", -1, 1.0 },
  { "lelu", -1, 1.0 },
  { "selu", -1, 1.0 },
  { "softplus", -1, 1.0 },
  { "clamped", -1, 1.0 },
  { "inv", -1, 1.0 },
  { "log", -1, 1.0 },
  { "exp", -1, 1.0 },
  { "hat", -1, 1.0 },
  { "cube", -1, 1.0 },
};

static const char aggregations[] = "sum product min max mean median maxabs";

static int
find_activation (const MdkNeatConfigSetting  *s,
                 const char                  *name,
                 GError                     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (activations); i++)
    if (g_str_equal (name, activations[i].name))
      return i;
  g_set_error (error, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_VALUE,
               _("Line %u: unknown activation function “%s”"), s->line, name);
  return -1;
}

/* The mapping. */

typedef struct
{
  GPtrArray     *settings;
  MdkExperiment *experiment;
  MdkNeatParams *params;
  MdkTask       *task;
  double         slope;            /* of the default activation: weights scale by it */
  gboolean       response_fixed;   /* the response multiplier stays 1 */
} Import;

static MdkNeatConfigSetting *
find (Import     *im,
      const char *section,
      const char *key)
{
  for (guint i = 0; i < im->settings->len; i++)
    {
      MdkNeatConfigSetting *s = im->settings->pdata[i];
      if (g_str_equal (s->section, section) && g_str_equal (s->key, key))
        return s;
    }
  return NULL;
}

/* The number of another setting of [DefaultGenome], or @fallback. */
static gboolean
peek_number (Import      *im,
             const char  *key,
             double       fallback,
             double      *value,
             GError     **error)
{
  MdkNeatConfigSetting *s = find (im, "DefaultGenome", key);

  *value = fallback;
  return s == NULL || parse_number (s, value, error);
}

static void
mark (MdkNeatConfigSetting *s,
      gboolean              supported,
      const char           *note)
{
  s->supported = supported;
  g_free (s->note);
  s->note = g_strdup (note);
}

static void
append_note (MdkNeatConfigSetting *s,
             const char           *text)
{
  char *old = s->note;

  s->note = old != NULL ? g_strjoin (", ", old, text, NULL) : g_strdup (text);
  g_free (old);
}

/* Sets a Medaka parameter from @s and says so in its note. */
static gboolean
assign (MdkNeatConfigSetting  *s,
        const MdkParamSpec    *table,
        guint                  n,
        gpointer               params,
        const char            *id,
        double                 value,
        GError               **error)
{
  const MdkParamSpec *spec = mdk_param_table_lookup (table, n, id);
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert (spec != NULL);
  g_ascii_formatd (buf, sizeof buf, "%.4g", value);
  if ((spec->type == MDK_PARAM_INT || spec->type == MDK_PARAM_DOUBLE) &&
      (!isfinite (value) || value < spec->min || value > spec->max))
    {
      g_autofree char *range = mdk_param_describe_range (spec);
      FAIL (VALUE, _("Line %u: %s = %s gives %s = %s, outside Medaka’s range %s"),
            s->line, s->key, s->value, id, buf, range);
    }
  mdk_param_set_number (spec, params, value);
  shown = spec->type == MDK_PARAM_DOUBLE ? g_strdup (buf) : mdk_param_to_string (spec, params);
  text = g_strdup_printf ("%s = %s", id, shown);
  if (!s->supported)
    g_clear_pointer (&s->note, g_free);
  s->supported = TRUE;
  append_note (s, text);
  return TRUE;
}

static gboolean
assign_neat (Import                *im,
             MdkNeatConfigSetting  *s,
             const char            *id,
             double                 value,
             GError               **error)
{
  return assign (s, mdk_neat_param_table, mdk_neat_n_params, im->params, id, value, error);
}

typedef struct KeyRow KeyRow;
typedef gboolean (*Handler) (Import *im, MdkNeatConfigSetting *s, const KeyRow *row, GError **error);

typedef enum
{
  SCALE_NONE,
  SCALE_SLOPE,          /* a weight or bias limit: times the slope */
  SCALE_SLOPE_SQRT3,    /* a Gaussian's σ: the uniform ±√3 σ has the same σ, times the slope */
  SCALE_INVERSE_SLOPE,  /* a coefficient of weight differences */
} Scale;

struct KeyRow
{
  const char *section;
  const char *key;
  Handler     handle;
  const char *param;     /* the Medaka parameter of a direct mapping */
  Scale       scale;
  double      neutral;   /* the value with which neat-python behaves as Medaka;
                          * −1: a boolean, either value of which does */
  gboolean    whole;     /* a whole number (neat-python reads it with int ()) */
  const char *words;     /* the values neat-python allows, space-separated */
  const char *good;      /* those Medaka supports */
  const char *same;      /* N_(): note when supported without a parameter */
  const char *why;       /* N_(): why other values are not supported */
};

static const char *
same_note (const KeyRow *row)
{
  return row->same != NULL ? _(row->same) : _("Medaka does the same");
}

/* Supported with the row's note, or not with its reason. */
static gboolean
judge (MdkNeatConfigSetting *s,
       const KeyRow         *row,
       gboolean              supported)
{
  mark (s, supported, supported ? same_note (row) : _(row->why));
  return TRUE;
}

/* Checks a value of the row's kind: one of its words, a boolean (neutral
 * −1), a whole number or a number. */
static gboolean
parse_value (const MdkNeatConfigSetting  *s,
             const KeyRow                *row,
             GError                     **error)
{
  double v;
  gboolean b;

  if (row->words != NULL)
    return parse_word (s, s->value, row->words, error);
  if (row->neutral < 0)
    return parse_bool (s, &b, error);
  return row->whole ? parse_whole (s, &v, error) : parse_number (s, &v, error);
}

static gboolean
on_direct (Import                *im,
           MdkNeatConfigSetting  *s,
           const KeyRow          *row,
           GError               **error)
{
  const MdkParamSpec *spec = mdk_param_table_lookup (mdk_neat_param_table, mdk_neat_n_params, row->param);
  double v;

  if (!(spec->type == MDK_PARAM_INT ? parse_whole (s, &v, error) : parse_number (s, &v, error)))
    return FALSE;
  switch (row->scale)
    {
    case SCALE_SLOPE:
      v *= im->slope;
      break;
    case SCALE_SLOPE_SQRT3:
      v *= im->slope * SQRT3;
      break;
    case SCALE_INVERSE_SLOPE:
      v /= im->slope;
      break;
    case SCALE_NONE:
    default:
      break;
    }
  return assign_neat (im, s, row->param, v, error);
}

static gboolean
on_neutral (Import                *im,
            MdkNeatConfigSetting  *s,
            const KeyRow          *row,
            GError               **error)
{
  double v;

  if (!(row->whole ? parse_whole (s, &v, error) : parse_number (s, &v, error)))
    return FALSE;
  return judge (s, row, v == row->neutral);
}

static gboolean
on_word (Import                *im,
         MdkNeatConfigSetting  *s,
         const KeyRow          *row,
         GError               **error)
{
  g_auto(GStrv) good = g_strsplit (row->good, " ", -1);

  return parse_word (s, s->value, row->words, error) &&
         judge (s, row, g_strv_contains ((const char * const *) good, s->value));
}

/* A valid number or word that Medaka has no use for. */
static gboolean
on_unsupported (Import                *im,
                MdkNeatConfigSetting  *s,
                const KeyRow          *row,
                GError               **error)
{
  return parse_value (s, row, error) && judge (s, row, FALSE);
}

static gboolean
on_bool (Import                *im,
         MdkNeatConfigSetting  *s,
         const KeyRow          *row,
         GError               **error)
{
  gboolean v;

  if (!parse_bool (s, &v, error))
    return FALSE;
  /* neutral: the value Medaka matches; -1 when both do. */
  return judge (s, row, row->neutral < 0 || v == (row->neutral != 0));
}

/* A boolean that is the opposite of a Medaka parameter. */
static gboolean
on_negated (Import                *im,
            MdkNeatConfigSetting  *s,
            const KeyRow          *row,
            GError               **error)
{
  gboolean v;

  if (!parse_bool (s, &v, error))
    return FALSE;
  if (g_str_equal (row->param, "stop_on_solved"))
    return assign (s, mdk_stop_param_table, MDK_STOP_N_PARAMS, &im->experiment->stop,
                   row->param, !v, error);
  return assign_neat (im, s, row->param, !v, error);
}

static gboolean
on_elitism (Import                *im,
            MdkNeatConfigSetting  *s,
            const KeyRow          *row,
            GError               **error)
{
  double n;

  if (!parse_whole (s, &n, error))
    return FALSE;
  if (n < 0)
    FAIL (VALUE, _("Line %u: %s must be 0 or more, not %s"), s->line, s->key, s->value);
  /* Medaka copies the champion of each species larger than the size. */
  if (!assign_neat (im, s, "elitism_min_species_size", n == 0 ? 100000 : 0, error))
    return FALSE;
  return n <= 1 || judge (s, row, FALSE);
}

static gboolean
on_activation_default (Import                *im,
                       MdkNeatConfigSetting  *s,
                       const KeyRow          *row,
                       GError               **error)
{
  int i;

  if (g_str_equal (s->value, "random"))
    {
      mark (s, FALSE, _("Medaka gives every new node the same activation function"));
      return TRUE;
    }
  i = find_activation (s, s->value, error);
  if (i < 0)
    return FALSE;
  if (activations[i].medaka < 0)
    return judge (s, row, FALSE);
  if (!assign_neat (im, s, "hidden_activation", activations[i].medaka, error) ||
      !assign_neat (im, s, "output_activation", activations[i].medaka + 1, error))
    return FALSE;
  if (activations[i].slope != 1.0)
    {
      g_autofree char *note = NULL;
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buf, sizeof buf, "%.4g", activations[i].slope);
      /* TRANSLATORS: %s is a factor, e.g. 2.5 */
      note = g_strdup_printf (_("weights and biases ×%s (neat-python’s function is steeper)"), buf);
      append_note (s, note);
    }
  return TRUE;
}

static gboolean
count_names (MdkNeatConfigSetting  *s,
             guint                 *n,
             gboolean               activation,
             gboolean              *all_sum,
             GError               **error)
{
  g_auto(GStrv) names = g_strsplit_set (s->value, " \t", -1);

  *n = 0;
  *all_sum = TRUE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (names[i][0] == '\0')
        continue;
      if (activation ? find_activation (s, names[i], error) < 0
                     : !parse_word (s, names[i], aggregations, error))
        return FALSE;
      *all_sum = *all_sum && g_str_equal (names[i], "sum");
      (*n)++;
    }
  if (*n == 0)
    FAIL (VALUE, _("Line %u: %s lists no function"), s->line, s->key);
  return TRUE;
}

/* activation_options and aggregation_options: harmless when they offer a
 * single function or the mutation rate is 0. */
static gboolean
on_options (Import                *im,
            MdkNeatConfigSetting  *s,
            const KeyRow          *row,
            GError               **error)
{
  gboolean activation = g_str_has_prefix (s->key, "activation");
  gboolean all_sum;
  double rate;
  guint n;

  if (!count_names (s, &n, activation, &all_sum, error) ||
      !peek_number (im, activation ? "activation_mutate_rate" : "aggregation_mutate_rate", 0.0, &rate, error))
    return FALSE;
  return judge (s, row, activation ? n == 1 || rate == 0.0 : all_sum || rate == 0.0);
}

static gboolean
on_activation_mutate_rate (Import                *im,
                           MdkNeatConfigSetting  *s,
                           const KeyRow          *row,
                           GError               **error)
{
  MdkNeatConfigSetting *options = find (im, "DefaultGenome", "activation_options");
  gboolean all_sum;
  guint n = 1;
  double rate;

  if (!parse_probability (s, &rate, error) ||
      (options != NULL && !count_names (options, &n, TRUE, &all_sum, error)))
    return FALSE;
  /* With one option, neat-python's mutation never changes anything. */
  return assign_neat (im, s, "activation_mutate_rate", n > 1 ? rate : 0.0, error);
}

static gboolean
on_aggregation_mutate_rate (Import                *im,
                            MdkNeatConfigSetting  *s,
                            const KeyRow          *row,
                            GError               **error)
{
  MdkNeatConfigSetting *options = find (im, "DefaultGenome", "aggregation_options");
  gboolean all_sum = TRUE;
  double rate;
  guint n;

  if (!parse_probability (s, &rate, error) ||
      (options != NULL && !count_names (options, &n, FALSE, &all_sum, error)))
    return FALSE;
  return judge (s, row, rate == 0.0 || all_sum);
}

/* bias_max_value, bias_min_value, weight_min_value: Medaka keeps weights
 * and biases within one symmetric limit, ±weight_max_value. */
static gboolean
on_limit (Import                *im,
          MdkNeatConfigSetting  *s,
          const KeyRow          *row,
          GError               **error)
{
  double v, limit;

  if (!parse_number (s, &v, error) ||
      !peek_number (im, "weight_max_value", im->params->weight_max / im->slope, &limit, error))
    return FALSE;
  if (g_str_has_suffix (s->key, "_min_value"))
    limit = -limit;
  return judge (s, row, v == limit);
}

/* A Gaussian of σ becomes a uniform ±√3 σ, which has the same σ; a uniform
 * one (neat-python: mean ± 2σ) stays as wide. */
static gboolean
on_weight_init_stdev (Import                *im,
                      MdkNeatConfigSetting  *s,
                      const KeyRow          *row,
                      GError               **error)
{
  MdkNeatConfigSetting *type = find (im, "DefaultGenome", "weight_init_type");
  double sigma, range;

  if (!parse_number (s, &sigma, error))
    return FALSE;
  if (sigma < 0)
    FAIL (VALUE, _("Line %u: %s must be 0 or more, not %s"), s->line, s->key, s->value);
  if (type != NULL && g_str_equal (type->value, "uniform"))
    range = 2.0 * sigma;
  else
    range = SQRT3 * sigma;
  range *= im->slope;
  return assign_neat (im, s, "initial_weight_range", range, error) &&
         assign_neat (im, s, "weight_replace_range", range, error);
}

/* neat-python perturbs each weight with probability m and replaces it with
 * probability r; Medaka changes all weights of an offspring with
 * probability R, each perturbed with probability P, else replaced.  R = m + r
 * and P = m / (m + r) give the same expected share of perturbed and of
 * replaced weights. */
static gboolean
on_weight_rates (Import                *im,
                 MdkNeatConfigSetting  *s,
                 const KeyRow          *row,
                 GError               **error)
{
  MdkNeatConfigSetting *m_set = find (im, "DefaultGenome", "weight_mutate_rate");
  MdkNeatConfigSetting *r_set = find (im, "DefaultGenome", "weight_replace_rate");
  double m = 0.0, r = 0.0;

  if ((m_set != NULL && !parse_probability (m_set, &m, error)) ||
      (r_set != NULL && !parse_probability (r_set, &r, error)))
    return FALSE;
  /* neat-python draws one number: below m perturbs, below m + r replaces. */
  r = MIN (r, 1.0 - m);
  return assign_neat (im, s, "weight_mutate_rate", m + r, error) &&
         assign_neat (im, s, "weight_perturb_prob", m + r > 0 ? m / (m + r) : 1.0, error);
}

/* neat-python tries add-connection whatever add-node did; in Medaka an
 * add-node excludes it, so its chance is divided by the chance that no node
 * was added, to keep the same share of offspring with a new connection. */
static gboolean
on_conn_add_prob (Import                *im,
                  MdkNeatConfigSetting  *s,
                  const KeyRow          *row,
                  GError               **error)
{
  double p, node;

  if (!parse_probability (s, &p, error) ||
      !peek_number (im, "node_add_prob", im->params->add_node_rate, &node, error))
    return FALSE;
  return assign_neat (im, s, "add_connection_rate", node < 1.0 ? MIN (1.0, p / (1.0 - node)) : 1.0, error);
}

/* neat-python has one coefficient for disjoint and excess genes and always
 * divides by the larger genome's gene count. */
static gboolean
on_compat_disjoint (Import                *im,
                    MdkNeatConfigSetting  *s,
                    const KeyRow          *row,
                    GError               **error)
{
  double c;

  if (!parse_number (s, &c, error))
    return FALSE;
  return assign_neat (im, s, "compat_excess", c, error) &&
         assign_neat (im, s, "compat_disjoint", c, error) &&
         assign_neat (im, s, "compat_normalize_min", 0, error);
}

static gboolean
on_initial_connection (Import                *im,
                       MdkNeatConfigSetting  *s,
                       const KeyRow          *row,
                       GError               **error)
{
  g_auto(GStrv) words = g_strsplit_set (s->value, " \t", 2);
  gboolean partial = g_str_has_prefix (words[0], "partial");

  if (!parse_word (s, words[0], row->words, error))
    return FALSE;
  if (partial)
    {
      char *end = NULL;
      double v = words[1] ? g_ascii_strtod (g_strstrip (words[1]), &end) : NAN;

      if (words[1] == NULL || *end != '\0' || !(v >= 0.0 && v <= 1.0))
        FAIL (VALUE, _("Line %u: %s needs a connection probability from 0 to 1 after “%s”"),
              s->line, s->key, words[0]);
    }
  else if (words[1] != NULL && g_strstrip (words[1])[0] != '\0')
    FAIL (VALUE, _("Line %u: %s must be one of %s, not “%s”"), s->line, s->key, row->words, s->value);
  return judge (s, row, g_str_has_prefix (words[0], "full"));
}

static gboolean
on_shape (Import                *im,
          MdkNeatConfigSetting  *s,
          const KeyRow          *row,
          GError               **error)
{
  gboolean inputs = g_str_equal (s->key, "num_inputs");
  guint want = inputs ? im->task->n_inputs : im->task->n_outputs;
  double n;

  if (!parse_whole (s, &n, error))
    return FALSE;
  if (n != want)
    {
      g_set_error (error, MDK_NEAT_CONFIG_ERROR, MDK_NEAT_CONFIG_ERROR_TASK,
                   inputs ? g_dngettext (GETTEXT_PACKAGE,
                                         "Line %u: num_inputs = %s does not fit the task “%s”, which has %u input",
                                         "Line %u: num_inputs = %s does not fit the task “%s”, which has %u inputs", want)
                          : g_dngettext (GETTEXT_PACKAGE,
                                         "Line %u: num_outputs = %s does not fit the task “%s”, which has %u output",
                                         "Line %u: num_outputs = %s does not fit the task “%s”, which has %u outputs", want),
                   s->line, s->value, im->experiment->task_class->id, want);
      return FALSE;
    }
  mark (s, TRUE, _("matches the task"));
  return TRUE;
}

/* The other response settings matter only when the response can change. */
static gboolean
on_response (Import                *im,
             MdkNeatConfigSetting  *s,
             const KeyRow          *row,
             GError               **error)
{
  return parse_value (s, row, error) && judge (s, row, im->response_fixed);
}

static gboolean
on_structural_mutation_surer (Import                *im,
                              MdkNeatConfigSetting  *s,
                              const KeyRow          *row,
                              GError               **error)
{
  gboolean v = FALSE;

  if (!g_str_equal (s->value, "default") && !parse_bool (s, &v, error))
    return FALSE;
  return judge (s, row, !v);
}

#define NO_RESPONSE N_("Medaka’s nodes have no response multiplier: it is always 1")
#define NO_BIAS_INIT N_("Medaka’s new nodes start with bias 0")
#define ONE_LIMIT N_("Medaka keeps weights and biases within one limit, ±weight_max_value")
#define NO_EFFECT_RESPONSE N_("no effect while the response stays 1")

#define ROW(s, k, h) .section = s, .key = k, .handle = h

static const KeyRow key_rows[] = {
  /* [NEAT] */
  { ROW ("NEAT", "fitness_criterion", on_word), .words = "max min mean", .good = "max",
    .same = N_("Medaka’s stop conditions look at the best genome"),
    .why = N_("Medaka’s stop conditions look at the best genome only") },
  { ROW ("NEAT", "fitness_threshold", on_unsupported),
    .why = N_("the threshold is on the scale of your Python fitness function; Medaka’s task has its own fitness and the run stops when the task is solved (set a fitness target in the stop conditions for another limit)") },
  { ROW ("NEAT", "no_fitness_termination", on_negated), .param = "stop_on_solved" },
  { ROW ("NEAT", "pop_size", on_direct), .param = "population_size" },
  { ROW ("NEAT", "reset_on_extinction", on_bool), .neutral = -1,
    .same = N_("no effect: the species holding the best genome never stagnates, so the population never dies out") },
  /* [DefaultStagnation] */
  { ROW ("DefaultStagnation", "species_fitness_func", on_word), .words = "max min mean median", .good = "max",
    .why = N_("Medaka judges a species’ progress by its best fitness (max)") },
  { ROW ("DefaultStagnation", "max_stagnation", on_direct), .param = "stagnation_limit" },
  { ROW ("DefaultStagnation", "species_elitism", on_neutral), .neutral = 1, .whole = TRUE,
    .why = N_("Medaka protects exactly one species from stagnation: the one holding the best genome") },
  /* [DefaultReproduction] */
  { ROW ("DefaultReproduction", "elitism", on_elitism),
    .why = N_("Medaka copies only the champion of each species unchanged; imported as 1") },
  { ROW ("DefaultReproduction", "survival_threshold", on_direct), .param = "survival_threshold" },
  { ROW ("DefaultReproduction", "min_species_size", on_unsupported), .whole = TRUE,
    .why = N_("Medaka shares offspring by mean fitness with no minimum per species") },
  /* [DefaultSpeciesSet] */
  { ROW ("DefaultSpeciesSet", "compatibility_threshold", on_direct), .param = "compat_threshold" },
  /* [DefaultGenome] */
  { ROW ("DefaultGenome", "activation_default", on_activation_default),
    .why = N_("Medaka has no such activation function; new nodes keep its default") },
  { ROW ("DefaultGenome", "activation_mutate_rate", on_activation_mutate_rate) },
  { ROW ("DefaultGenome", "activation_options", on_options),
    .why = N_("Medaka’s activation mutation picks any of its functions, not only these") },
  { ROW ("DefaultGenome", "aggregation_default", on_word),
    .words = "sum product min max mean median maxabs random",
    .good = "sum", .why = N_("Medaka’s nodes always sum their inputs") },
  { ROW ("DefaultGenome", "aggregation_mutate_rate", on_aggregation_mutate_rate),
    .why = N_("Medaka’s nodes always sum their inputs") },
  { ROW ("DefaultGenome", "aggregation_options", on_options),
    .why = N_("Medaka’s nodes always sum their inputs") },
  { ROW ("DefaultGenome", "bias_init_mean", on_neutral), .neutral = 0, .why = NO_BIAS_INIT },
  { ROW ("DefaultGenome", "bias_init_stdev", on_neutral), .neutral = 0, .why = NO_BIAS_INIT },
  { ROW ("DefaultGenome", "bias_init_type", on_word), .words = "gaussian normal uniform",
    .good = "gaussian normal uniform" },
  { ROW ("DefaultGenome", "bias_max_value", on_limit), .why = ONE_LIMIT },
  { ROW ("DefaultGenome", "bias_min_value", on_limit), .why = ONE_LIMIT },
  { ROW ("DefaultGenome", "bias_mutate_power", on_direct),
    .param = "bias_perturb_power", .scale = SCALE_SLOPE_SQRT3 },
  { ROW ("DefaultGenome", "bias_mutate_rate", on_direct), .param = "bias_mutate_rate" },
  { ROW ("DefaultGenome", "bias_replace_rate", on_neutral), .neutral = 0,
    .why = N_("Medaka perturbs biases but never replaces them") },
  { ROW ("DefaultGenome", "compatibility_disjoint_coefficient", on_compat_disjoint) },
  { ROW ("DefaultGenome", "compatibility_weight_coefficient", on_direct),
    .param = "compat_weight", .scale = SCALE_INVERSE_SLOPE },
  { ROW ("DefaultGenome", "conn_add_prob", on_conn_add_prob) },
  { ROW ("DefaultGenome", "conn_delete_prob", on_direct), .param = "delete_connection_rate" },
  { ROW ("DefaultGenome", "enabled_default", on_bool), .neutral = 1,
    .why = N_("Medaka’s new connections start enabled") },
  { ROW ("DefaultGenome", "enabled_mutate_rate", on_direct), .param = "toggle_enable_rate" },
  { ROW ("DefaultGenome", "enabled_rate_to_false_add", on_neutral), .neutral = 0,
    .why = N_("Medaka turns a connection on or off with the same chance") },
  { ROW ("DefaultGenome", "enabled_rate_to_true_add", on_neutral), .neutral = 0,
    .why = N_("Medaka turns a connection on or off with the same chance") },
  { ROW ("DefaultGenome", "feed_forward", on_negated), .param = "allow_recurrent" },
  { ROW ("DefaultGenome", "initial_connection", on_initial_connection),
    .words = "unconnected fs_neat fs_neat_nohidden fs_neat_hidden full full_nodirect full_direct "
             "partial partial_nodirect partial_direct",
    .same = N_("Medaka’s start genomes connect every input and the bias to every output"),
    .why = N_("Medaka’s start genomes connect every input and the bias to every output") },
  { ROW ("DefaultGenome", "node_add_prob", on_direct), .param = "add_node_rate" },
  { ROW ("DefaultGenome", "node_delete_prob", on_direct), .param = "delete_node_rate" },
  { ROW ("DefaultGenome", "num_hidden", on_neutral), .neutral = 0, .whole = TRUE,
    .why = N_("Medaka’s start genomes have no hidden nodes") },
  { ROW ("DefaultGenome", "num_inputs", on_shape) },
  { ROW ("DefaultGenome", "num_outputs", on_shape) },
  { ROW ("DefaultGenome", "response_init_mean", on_neutral), .neutral = 1, .why = NO_RESPONSE },
  { ROW ("DefaultGenome", "response_init_stdev", on_neutral), .neutral = 0, .why = NO_RESPONSE },
  { ROW ("DefaultGenome", "response_init_type", on_response), .words = "gaussian normal uniform",
    .same = NO_EFFECT_RESPONSE, .why = NO_RESPONSE },
  { ROW ("DefaultGenome", "response_max_value", on_response),
    .same = NO_EFFECT_RESPONSE, .why = NO_RESPONSE },
  { ROW ("DefaultGenome", "response_min_value", on_response),
    .same = NO_EFFECT_RESPONSE, .why = NO_RESPONSE },
  { ROW ("DefaultGenome", "response_mutate_power", on_response),
    .same = NO_EFFECT_RESPONSE, .why = NO_RESPONSE },
  { ROW ("DefaultGenome", "response_mutate_rate", on_neutral), .neutral = 0, .why = NO_RESPONSE },
  { ROW ("DefaultGenome", "response_replace_rate", on_neutral), .neutral = 0, .why = NO_RESPONSE },
  { ROW ("DefaultGenome", "single_structural_mutation", on_unsupported), .neutral = -1,
    .why = N_("Medaka adds at most one node or connection per offspring, and an addition replaces that offspring’s weight and bias mutations; deletions come on top") },
  { ROW ("DefaultGenome", "structural_mutation_surer", on_structural_mutation_surer),
    .why = N_("Medaka’s add-node does nothing on a genome without connections, and add-connection tries other pairs instead of enabling an existing connection") },
  { ROW ("DefaultGenome", "weight_init_mean", on_neutral), .neutral = 0,
    .why = N_("Medaka draws new weights around 0") },
  { ROW ("DefaultGenome", "weight_init_stdev", on_weight_init_stdev) },
  { ROW ("DefaultGenome", "weight_init_type", on_word), .words = "gaussian normal uniform",
    .good = "gaussian normal uniform", .same = N_("used to convert weight_init_stdev") },
  { ROW ("DefaultGenome", "weight_max_value", on_direct), .param = "weight_max", .scale = SCALE_SLOPE },
  { ROW ("DefaultGenome", "weight_min_value", on_limit), .why = ONE_LIMIT },
  { ROW ("DefaultGenome", "weight_mutate_power", on_direct),
    .param = "weight_perturb_power", .scale = SCALE_SLOPE_SQRT3 },
  { ROW ("DefaultGenome", "weight_mutate_rate", on_weight_rates) },
  { ROW ("DefaultGenome", "weight_replace_rate", on_weight_rates) },
};

static gboolean
is_neutral (Import      *im,
            const char  *key,
            double       neutral,
            gboolean    *result,
            GError     **error)
{
  double v;

  if (!peek_number (im, key, neutral, &v, error))
    return FALSE;
  *result = *result && v == neutral;
  return TRUE;
}

/* What several settings depend on: the default activation's slope and
 * whether the response multiplier can change. */
static gboolean
prepare (Import  *im,
         GError **error)
{
  MdkNeatConfigSetting *activation = find (im, "DefaultGenome", "activation_default");

  im->slope = 1.0;
  if (activation != NULL && !g_str_equal (activation->value, "random"))
    {
      int i = find_activation (activation, activation->value, error);
      if (i < 0)
        return FALSE;
      if (activations[i].medaka >= 0)
        im->slope = activations[i].slope;
    }
  im->response_fixed = TRUE;
  return is_neutral (im, "response_init_mean", 1.0, &im->response_fixed, error) &&
         is_neutral (im, "response_init_stdev", 0.0, &im->response_fixed, error) &&
         is_neutral (im, "response_mutate_rate", 0.0, &im->response_fixed, error) &&
         is_neutral (im, "response_replace_rate", 0.0, &im->response_fixed, error);
}

static gboolean
is_required_section (const char *section)
{
  for (guint i = 0; i < G_N_ELEMENTS (required_sections); i++)
    if (g_str_equal (section, required_sections[i]))
      return TRUE;
  return FALSE;
}

static gboolean
map_setting (Import                *im,
             MdkNeatConfigSetting  *s,
             GError               **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_rows); i++)
    if (g_str_equal (key_rows[i].section, s->section) && g_str_equal (key_rows[i].key, s->key))
      return key_rows[i].handle (im, s, &key_rows[i], error);

  mark (s, FALSE, is_required_section (s->section)
        ? _("not a setting of this neat-python section")
        : _("Medaka reads only the sections of neat-python’s default classes"));
  return TRUE;
}

MdkExperiment *
mdk_neat_config_import (const char           *text,
                        gsize                 length,
                        const MdkExperiment  *base,
                        GPtrArray           **settings,
                        GError              **error)
{
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(MdkExperiment) experiment = NULL;
  g_autoptr(MdkTask) task = NULL;
  Import im = { 0 };

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (base != NULL, NULL);

  read = read_ini (text, length, error);
  if (read == NULL)
    return NULL;
  /* The file defines the algorithm: NEAT, from Medaka's defaults. */
  experiment = mdk_experiment_copy (base);
  mdk_optimizer_params_free (experiment->optimizer_class, experiment->optimizer_params);
  experiment->optimizer_class = &mdk_neat_class;
  experiment->optimizer_params = mdk_optimizer_params_new (&mdk_neat_class);
  task = mdk_task_new (experiment->task_class, experiment->task_params, error);
  if (task == NULL)
    return NULL;

  im.settings = read;
  im.experiment = experiment;
  im.params = experiment->optimizer_params;
  im.task = task;
  if (!prepare (&im, error))
    return NULL;
  for (guint i = 0; i < read->len; i++)
    if (!map_setting (&im, read->pdata[i], error))
      return NULL;
  if (!mdk_experiment_validate (experiment, error))
    return NULL;

  if (settings != NULL)
    *settings = g_steal_pointer (&read);
  return g_steal_pointer (&experiment);
}

guint
mdk_neat_config_count_unsupported (GPtrArray *settings)
{
  guint n = 0;

  for (guint i = 0; settings != NULL && i < settings->len; i++)
    n += !((MdkNeatConfigSetting *) settings->pdata[i])->supported;
  return n;
}

char *
mdk_neat_config_describe (const MdkNeatConfigSetting *s)
{
  /* TRANSLATORS: line number, section, key, value, then what became of it
   * in Medaka or why it is not supported */
  return g_strdup_printf (_("Line %u, [%s] %s = %s: %s"), s->line, s->section, s->key, s->value,
                          s->note ? s->note : "");
}

char *
mdk_neat_config_list (GPtrArray *settings,
                      gboolean   supported)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; settings != NULL && i < settings->len; i++)
    {
      const MdkNeatConfigSetting *s = settings->pdata[i];
      g_autofree char *line = NULL;

      if (s->supported != supported)
        continue;
      line = mdk_neat_config_describe (s);
      g_string_append_printf (text, "%s\n", line);
    }
  return g_string_free (text, FALSE);
}

/* The whole story of an import, for the person who ran it and for the
 * project's notes. */
char *
mdk_neat_config_report (const char *file_name,
                        const char *task_id,
                        GPtrArray  *settings)
{
  guint unsupported = mdk_neat_config_count_unsupported (settings);
  guint mapped = settings->len - unsupported;
  g_autofree char *not_mapped = mdk_neat_config_list (settings, FALSE);
  g_autofree char *mapped_list = mdk_neat_config_list (settings, TRUE);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("Imported from the neat-python configuration “%s” for the task “%s”."),
                          file_name, task_id);
  g_string_append (text, "\n\n");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u setting is not supported:",
                                             "%u settings are not supported:", unsupported),
                          unsupported);
  g_string_append_printf (text, "\n%s\n", not_mapped);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u setting was mapped onto Medaka’s parameters:",
                                             "%u settings were mapped onto Medaka’s parameters:", mapped),
                          mapped);
  g_string_append_printf (text, "\n%s", mapped_list);
  return g_string_free (text, FALSE);
}
