/* mdk-neat-config.h: importing a neat-python configuration file
 *
 * neat-python keeps an experiment's settings in an INI file with the
 * sections [NEAT], [DefaultGenome], [DefaultSpeciesSet], [DefaultStagnation]
 * and [DefaultReproduction].  mdk_neat_config_import () reads one as
 * Python's configparser does and maps every setting onto a Medaka
 * experiment where the meaning matches, converting units where they differ;
 * what cannot be mapped is listed with the reason.  docs/formats.md has the
 * table of every key.
 */
#pragma once

#include <glib.h>

#include "mdk-experiment.h"

G_BEGIN_DECLS

#define MDK_NEAT_CONFIG_ERROR (mdk_neat_config_error_quark ())

typedef enum
{
  MDK_NEAT_CONFIG_ERROR_SYNTAX,   /* not an INI file as configparser reads it, or a section missing */
  MDK_NEAT_CONFIG_ERROR_VALUE,    /* a value neat-python or Medaka refuses */
  MDK_NEAT_CONFIG_ERROR_TASK,     /* num_inputs or num_outputs do not fit the task */
} MdkNeatConfigError;

/* One setting of the file and what became of it. */
typedef struct
{
  guint     line;
  char     *section;
  char     *key;         /* lower case, as configparser reads it */
  char     *value;
  gboolean  supported;
  char     *note;        /* supported: the Medaka settings it became, or why
                          * none is needed; else why it is not supported */
} MdkNeatConfigSetting;

GQuark         mdk_neat_config_error_quark       (void);

/* A copy of @base (its task, seed, stop conditions) with the file's
 * settings on a NEAT algorithm.  @settings (optional) receives every setting
 * of the file in order, as MdkNeatConfigSetting.  Errors say the line. */
MdkExperiment *mdk_neat_config_import            (const char           *text,
                                                  gsize                 length,
                                                  const MdkExperiment  *base,
                                                  GPtrArray           **settings,
                                                  GError              **error);

guint          mdk_neat_config_count_unsupported (GPtrArray            *settings);
/* "Line 12, [DefaultGenome] bias_init_stdev = 1.0: why", translated. */
char          *mdk_neat_config_describe          (const MdkNeatConfigSetting *setting);
/* The description of every supported (or unsupported) setting, one a line. */
char          *mdk_neat_config_list              (GPtrArray            *settings,
                                                  gboolean              supported);

/* A header naming the file and the task, the unsupported settings, then
 * the mapped ones: what the CLI prints and projects keep in their notes. */
char          *mdk_neat_config_report            (const char           *file_name,
                                                  const char           *task_id,
                                                  GPtrArray            *settings);

G_END_DECLS
