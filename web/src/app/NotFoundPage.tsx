import { Anchor, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage({ message = 'There is no page at this address.' }: { message?: string }) {
  return (
    <Center mih="50vh" p="md">
      <Stack gap="xs" align="center" maw={480}>
        <Title order={1} size="h2">
          Page not found
        </Title>
        <Text c="dimmed" ta="center">
          {message}
        </Text>
        <Anchor component={Link} to="/">
          Go to the start page
        </Anchor>
      </Stack>
    </Center>
  );
}
