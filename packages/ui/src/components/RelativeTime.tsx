import { Text, type TextProps, Tooltip } from '@mantine/core';
import { exactTime, relativeTime } from './relative-time';

interface RelativeTimeProps extends TextProps {
  /** ISO 8601, as the API gives instants. */
  at: string;
  /** Words before the time, inside the same element: "created ". */
  prefix?: string;
}

/** A moment as "5 min ago", the exact time on hover; `dateTime` carries it for machines. */
export function RelativeTime({ at, prefix = '', ...text }: RelativeTimeProps) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <Text {...text}>{at}</Text>;
  const exact = exactTime(date);
  return (
    <Tooltip label={exact} openDelay={300} withinPortal>
      <Text component="time" dateTime={at} {...text}>
        {prefix}
        {relativeTime(date)}
      </Text>
    </Tooltip>
  );
}
