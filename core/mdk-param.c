#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-param.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (mdk-param-error-quark, mdk_param_error)

#define FIELD(params, spec, type) ((type *) ((guint8 *) (params) + (spec)->offset))
#define CFIELD(params, spec, type) ((const type *) ((const guint8 *) (params) + (spec)->offset))

const MdkParamSpec *
mdk_param_table_lookup (const MdkParamSpec *table,
                        guint               n,
                        const char         *id)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (table[i].id, id) == 0)
      return &table[i];
  return NULL;
}

guint
mdk_param_choice_count (const MdkParamSpec *spec)
{
  guint n = 0;

  if (spec->choices != NULL)
    while (spec->choices[n].id != NULL)
      n++;
  return n;
}

double
mdk_param_get_number (const MdkParamSpec *spec,
                      gconstpointer       params)
{
  switch (spec->type)
    {
    case MDK_PARAM_INT:
    case MDK_PARAM_CHOICE:
      return *CFIELD (params, spec, int);
    case MDK_PARAM_DOUBLE:
      return *CFIELD (params, spec, double);
    case MDK_PARAM_BOOL:
      return *CFIELD (params, spec, gboolean) ? 1.0 : 0.0;
    case MDK_PARAM_STRING:
    default:
      return NAN;
    }
}

void
mdk_param_set_number (const MdkParamSpec *spec,
                      gpointer            params,
                      double              value)
{
  switch (spec->type)
    {
    case MDK_PARAM_INT:
    case MDK_PARAM_CHOICE:
      *FIELD (params, spec, int) = (int) value;
      break;
    case MDK_PARAM_DOUBLE:
      *FIELD (params, spec, double) = value;
      break;
    case MDK_PARAM_BOOL:
      *FIELD (params, spec, gboolean) = value != 0.0;
      break;
    case MDK_PARAM_STRING:
    default:
      g_return_if_reached ();
    }
}

const char *
mdk_param_get_string (const MdkParamSpec *spec,
                      gconstpointer       params)
{
  g_return_val_if_fail (spec->type == MDK_PARAM_STRING, NULL);
  return *CFIELD (params, spec, char *);
}

void
mdk_param_set_string (const MdkParamSpec *spec,
                      gpointer            params,
                      const char         *value)
{
  char **field = FIELD (params, spec, char *);

  g_return_if_fail (spec->type == MDK_PARAM_STRING);
  if (*field != value)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

void
mdk_param_table_init (const MdkParamSpec *table,
                      guint               n,
                      gpointer            params)
{
  for (guint i = 0; i < n; i++)
    {
      if (table[i].type == MDK_PARAM_STRING)
        *FIELD (params, &table[i], char *) = g_strdup (table[i].def_str ? table[i].def_str : "");
      else
        mdk_param_set_number (&table[i], params, table[i].def);
    }
}

void
mdk_param_table_clear (const MdkParamSpec *table,
                       guint               n,
                       gpointer            params)
{
  for (guint i = 0; i < n; i++)
    if (table[i].type == MDK_PARAM_STRING)
      g_clear_pointer (FIELD (params, &table[i], char *), g_free);
}

/* Copies a whole params struct, duplicating its strings. */
void
mdk_param_table_copy (const MdkParamSpec *table,
                      guint               n,
                      gpointer            dest,
                      gconstpointer       src,
                      gsize               size)
{
  if (dest == src)
    return;
  mdk_param_table_clear (table, n, dest);
  memcpy (dest, src, size);
  for (guint i = 0; i < n; i++)
    if (table[i].type == MDK_PARAM_STRING)
      *FIELD (dest, &table[i], char *) = g_strdup (*CFIELD (src, &table[i], char *));
}

/* Locale-independent and exact: the shorter of %.15g and %.17g that reads
 * back to the same double (0.8, not 0.80000000000000004). */
const char *
mdk_format_double (char   *buf,
                   gsize   len,
                   double  value)
{
  g_ascii_formatd (buf, len, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, len, "%.17g", value);
  return buf;
}

static char *
format_number (const MdkParamSpec *spec,
               double              value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (spec->type == MDK_PARAM_INT)
    return g_strdup_printf ("%d", (int) value);
  return g_strdup (mdk_format_double (buf, sizeof buf, value));
}

char *
mdk_param_describe_range (const MdkParamSpec *spec)
{
  switch (spec->type)
    {
    case MDK_PARAM_INT:
    case MDK_PARAM_DOUBLE:
      {
        g_autofree char *lo = format_number (spec, spec->min);
        g_autofree char *hi = format_number (spec, spec->max);
        /* TRANSLATORS: a parameter's allowed range, e.g. "0 … 1" */
        return g_strdup_printf (_("%s … %s"), lo, hi);
      }
    case MDK_PARAM_BOOL:
      return g_strdup ("true, false");
    case MDK_PARAM_CHOICE:
      {
        GString *s = g_string_new (NULL);
        for (guint i = 0; spec->choices[i].id != NULL; i++)
          g_string_append_printf (s, "%s%s", i ? ", " : "", spec->choices[i].id);
        return g_string_free (s, FALSE);
      }
    case MDK_PARAM_STRING:
    default:
      return g_strdup (_("any text"));
    }
}

gboolean
mdk_param_check (const MdkParamSpec *spec,
                 gconstpointer       params,
                 GError            **error)
{
  double v;

  if (spec->type == MDK_PARAM_STRING || spec->type == MDK_PARAM_BOOL)
    return TRUE;

  v = mdk_param_get_number (spec, params);
  if (spec->type == MDK_PARAM_CHOICE)
    {
      if (v < 0 || v >= mdk_param_choice_count (spec))
        {
          g_autofree char *range = mdk_param_describe_range (spec);
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE,
                       _("Parameter “%s” must be one of: %s"), spec->id, range);
          return FALSE;
        }
      return TRUE;
    }

  if (!isfinite (v) || v < spec->min || v > spec->max)
    {
      g_autofree char *range = mdk_param_describe_range (spec);
      g_autofree char *value = format_number (spec, v);
      g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE,
                   _("Parameter “%s” is %s but must be in the range %s"),
                   spec->id, value, range);
      return FALSE;
    }
  return TRUE;
}

gboolean
mdk_param_table_validate (const MdkParamSpec *table,
                          guint               n,
                          gconstpointer       params,
                          GError            **error)
{
  for (guint i = 0; i < n; i++)
    if (!mdk_param_check (&table[i], params, error))
      return FALSE;
  return TRUE;
}

/* Parses @value for @spec and stores it; the range is checked too, so a
 * parameter never holds a value it cannot have. */
gboolean
mdk_param_set_from_string (const MdkParamSpec *spec,
                           gpointer            params,
                           const char         *value,
                           GError            **error)
{
  switch (spec->type)
    {
    case MDK_PARAM_INT:
      {
        gint64 v;
        if (!g_ascii_string_to_signed (value, 10, G_MININT, G_MAXINT, &v, NULL))
          {
            g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                         _("Parameter “%s” expects a whole number, not “%s”"), spec->id, value);
            return FALSE;
          }
        if (v < spec->min || v > spec->max)
          {
            g_autofree char *range = mdk_param_describe_range (spec);
            g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE,
                         _("Parameter “%s” is %s but must be in the range %s"), spec->id, value, range);
            return FALSE;
          }
        *FIELD (params, spec, int) = (int) v;
        return TRUE;
      }
    case MDK_PARAM_DOUBLE:
      {
        char *end = NULL;
        double v = g_ascii_strtod (value, &end);
        if (value[0] == '\0' || end == NULL || *end != '\0' || !isfinite (v))
          {
            g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                         _("Parameter “%s” expects a number, not “%s”"), spec->id, value);
            return FALSE;
          }
        if (v < spec->min || v > spec->max)
          {
            g_autofree char *range = mdk_param_describe_range (spec);
            g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_RANGE,
                         _("Parameter “%s” is %s but must be in the range %s"), spec->id, value, range);
            return FALSE;
          }
        *FIELD (params, spec, double) = v;
        return TRUE;
      }
    case MDK_PARAM_BOOL:
      if (g_ascii_strcasecmp (value, "true") == 0 || g_strcmp0 (value, "1") == 0 ||
          g_ascii_strcasecmp (value, "yes") == 0)
        *FIELD (params, spec, gboolean) = TRUE;
      else if (g_ascii_strcasecmp (value, "false") == 0 || g_strcmp0 (value, "0") == 0 ||
               g_ascii_strcasecmp (value, "no") == 0)
        *FIELD (params, spec, gboolean) = FALSE;
      else
        {
          g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                       _("Parameter “%s” expects true or false, not “%s”"), spec->id, value);
          return FALSE;
        }
      return TRUE;
    case MDK_PARAM_CHOICE:
      for (guint i = 0; spec->choices[i].id != NULL; i++)
        if (g_strcmp0 (spec->choices[i].id, value) == 0)
          {
            *FIELD (params, spec, int) = (int) i;
            return TRUE;
          }
      {
        g_autofree char *range = mdk_param_describe_range (spec);
        g_set_error (error, MDK_PARAM_ERROR, MDK_PARAM_ERROR_INVALID,
                     _("Parameter “%s” must be one of: %s"), spec->id, range);
      }
      return FALSE;
    case MDK_PARAM_STRING:
      mdk_param_set_string (spec, params, value);
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

char *
mdk_param_to_string (const MdkParamSpec *spec,
                     gconstpointer       params)
{
  switch (spec->type)
    {
    case MDK_PARAM_INT:
    case MDK_PARAM_DOUBLE:
      return format_number (spec, mdk_param_get_number (spec, params));
    case MDK_PARAM_BOOL:
      return g_strdup (*CFIELD (params, spec, gboolean) ? "true" : "false");
    case MDK_PARAM_CHOICE:
      {
        int v = *CFIELD (params, spec, int);
        if (v >= 0 && (guint) v < mdk_param_choice_count (spec))
          return g_strdup (spec->choices[v].id);
        return g_strdup_printf ("%d", v);
      }
    case MDK_PARAM_STRING:
      return g_strdup (*CFIELD (params, spec, char *));
    default:
      g_return_val_if_reached (NULL);
    }
}
