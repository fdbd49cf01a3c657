#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-trace.h"

MdkTrace *
mdk_trace_new (MdkTraceKind kind)
{
  MdkTrace *trace = g_new0 (MdkTrace, 1);

  trace->ref_count = 1;
  trace->kind = kind;
  return trace;
}

MdkTrace *
mdk_trace_ref (MdkTrace *trace)
{
  g_atomic_int_inc (&trace->ref_count);
  return trace;
}

void
mdk_trace_unref (MdkTrace *trace)
{
  if (trace == NULL || !g_atomic_int_dec_and_test (&trace->ref_count))
    return;
  g_free (trace->points);
  g_free (trace->values);
  g_free (trace->values2);
  g_strfreev (trace->labels);
  g_free (trace);
}
