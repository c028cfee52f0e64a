import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { NewInvitation } from '../api/members';
import { exactTime } from '../components/relative-time';

/** The link of an invitation just made, shown this once (only its hash is kept), with a copy button. */
export function InvitationLinkDialog({
  invitation,
  onClose,
}: {
  invitation: NewInvitation | undefined;
  onClose(): void;
}) {
  return (
    <Modal
      opened={invitation !== undefined}
      onClose={onClose}
      title={`Invitation for ${invitation?.email ?? ''}`}
      size={760}
      closeButtonProps={{ 'aria-label': 'Close' }}
      closeOnClickOutside={false}
    >
      {invitation && (
        <Stack gap="md">
          <Alert color="blue" title="Copy the link now">
            This is the only time the link is shown: Vexil keeps only a hash of it. Send it to {invitation.email}.
            Whoever opens it can join with these grants, once.
          </Alert>
          <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="invitation-link">
            {/* Wrapped rather than scrolled: the whole link stays readable, and nothing needs scrolling by keyboard. */}
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', flex: 1 }}>
              {invitation.url}
            </Code>
            <CopyButton value={invitation.url} timeout={1500}>
              {({ copied, copy }) => (
                <Button
                  variant="default"
                  size="xs"
                  onClick={copy}
                  aria-label={copied ? 'Copied the invitation link' : 'Copy the invitation link'}
                >
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm">
            The link works until {exactTime(new Date(invitation.expiresAt))}. Revoke it from the Invitations tab.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
