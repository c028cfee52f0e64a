import { Text, type TextProps } from '@mantine/core';
import { exactTime, relativeTime } from './relative-time';

interface RelativeTimeProps extends TextProps {
  /** ISO 8601, as the API gives instants. */
  at: string;
  /** Words before the time, inside the same element: "created ". */
  prefix?: string;
}

/**
 * A moment as "5 min ago", the exact time on hover. The browser's own tooltip (`title`) shows it:
 * lists render hundreds of these, and it costs nothing until hovered.
 */
export function RelativeTime({ at, prefix = '', ...text }: RelativeTimeProps) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <Text {...text}>{at}</Text>;
  return (
    <Text component="time" dateTime={at} title={exactTime(date)} {...text}>
      {prefix}
      {relativeTime(date)}
    </Text>
  );
}
