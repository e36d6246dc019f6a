import { Select, Stack, Text, type SelectProps } from '@mantine/core';
import { roleDescriptions, roleLabels, roleOptions, type Role } from '../../lib/roles.ts';

export interface RoleSelectProps extends Omit<SelectProps<Role>, 'data' | 'renderOption'> {
  /** Show the chosen role's description under the field. */
  withDescription?: boolean;
}

/** A role picker whose options explain what each role may do. */
export function RoleSelect({ withDescription = false, value, ...props }: RoleSelectProps) {
  return (
    <Select<Role>
      {...props}
      value={value}
      data={roleOptions}
      allowDeselect={false}
      comboboxProps={{ width: 360, position: 'bottom-start', ...props.comboboxProps }}
      renderOption={({ option }) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {option.label}
          </Text>
          <Text size="xs" c="dimmed">
            {roleDescriptions[option.value]}
          </Text>
        </Stack>
      )}
      description={withDescription && value ? `${roleLabels[value]}: ${roleDescriptions[value]}` : props.description}
    />
  );
}
